package dev.bucketwarden.console.findings;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import dev.bucketwarden.store.results.Coverage;
import dev.bucketwarden.store.results.ScanRecord;

/** Findings as RFC 4180 CSV, one line per scan record. */
final class CsvExport {

	static final String HEADER = "id,scannedAt,bucket,key,versionId,size,result,reason,signatures,engines,remediation,quarantineLocation,coverage,region";

	private CsvExport() {
	}

	static void write(List<ScanRecord> records, Writer out) throws IOException {
		out.write(HEADER);
		out.write("\r\n");
		for (ScanRecord record : records) {
			String engines = String.join(";",
					record.engines()
						.stream()
						.map((engine) -> engine.engineId() + ":" + engine.result()
								+ ((engine.signatureVersion() != null) ? "/" + engine.signatureVersion() : ""))
						.toList());
			out.write(String.join(",", field(record.id()), field(record.scannedAt().toString()), field(record.bucket()),
					field(record.key()), field(record.versionId()), field(Long.toString(record.size())),
					field(record.status().label()), field(record.reason()),
					field(String.join(";", record.signatures())), field(engines), field(record.remediation().name()),
					field(record.quarantineLocation()), field(coverage(record.scannedAs())), field(record.region())));
			out.write("\r\n");
		}
		out.flush();
	}

	/**
	 * {@code WHOLE}, or the kind with its sizes: a windowed Clean must not read as whole.
	 */
	static String coverage(Coverage coverage) {
		return (coverage.kind() == Coverage.Kind.WHOLE) ? coverage.kind().name() : coverage.kind().name() + " window="
				+ coverage.window() + " overlap=" + coverage.overlap() + " parts=" + coverage.parts();
	}

	/**
	 * Quotes when needed; a leading formula character is neutralised so a spreadsheet
	 * does not execute a key crafted by whoever uploaded the object.
	 */
	static String field(String value) {
		if (value == null) {
			return "";
		}
		String text = (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) ? "'" + value : value;
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
				|| !text.equals(value)) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

}
