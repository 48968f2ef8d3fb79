package dev.bucketwarden.console.findings;

import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.console.ConsoleFixtures;
import dev.bucketwarden.store.results.Coverage;

import static org.assertj.core.api.Assertions.assertThat;

class CsvExportTests {

	@Test
	void shouldQuoteFieldsAndNeutraliseFormulas() {
		assertThat(CsvExport.field("plain")).isEqualTo("plain");
		assertThat(CsvExport.field("a,b")).isEqualTo("\"a,b\"");
		assertThat(CsvExport.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(CsvExport.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
		assertThat(CsvExport.field("+1")).isEqualTo("\"'+1\"");
		assertThat(CsvExport.field(null)).isEmpty();
	}

	@Test
	void shouldWriteOneLinePerRecordAfterTheHeader() throws Exception {
		StringWriter out = new StringWriter();
		CsvExport.write(List.of(ConsoleFixtures.infected("f-1", "uploads", "a.com")), out);
		assertThat(out.toString().split("\r\n")).hasSize(2);
		assertThat(out.toString()).contains(
				"f-1,2026-01-02T10:00:00Z,uploads,a.com,v1,68,Infected,,BucketWarden.Test.Eicar.UNOFFICIAL,clamav:Infected/1,QUARANTINED,s3://q/uploads/a.com,WHOLE");
	}

	@Test
	void shouldNameTheCoverageOfARecordScannedInParts() throws Exception {
		StringWriter out = new StringWriter();
		CsvExport.write(List.of(ConsoleFixtures.infected("f-2", "backups", "disk.img")
			.withCoverage(Coverage.windows(256L << 20, 1L << 20, 82))), out);
		assertThat(out.toString().split("\r\n")[0]).endsWith(",coverage,region");
		assertThat(out.toString().strip()).endsWith(",WINDOWS window=268435456 overlap=1048576 parts=82,");
	}

	@Test
	void shouldNameTheRegionThatScannedTheRecordLast() throws Exception {
		StringWriter out = new StringWriter();
		CsvExport.write(List.of(ConsoleFixtures.infected("f-3", "west", "a.com").withRegion("us-west-2")), out);
		assertThat(out.toString().strip()).endsWith(",WHOLE,us-west-2");
	}

}
