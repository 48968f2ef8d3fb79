package dev.bucketwarden.console.findings;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.bucketwarden.console.config.ConsoleProperties;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * Scan records from the results table the agents write. The table is keyed by object, so
 * a search reads at most {@code bucketwarden.console.max-records} records and filters
 * them here: enough for the console's views; an index on time is the way past that.
 */
@Service
public class FindingsService {

	private final DynamoDbResultStore results;

	private final int maxRecords;

	public FindingsService(DynamoDbResultStore results, ConsoleProperties properties) {
		this.results = results;
		this.maxRecords = properties.maxRecords();
	}

	/** Every record read, newest first. */
	public List<ScanRecord> all() {
		return this.results.scan(this.maxRecords)
			.stream()
			.sorted(Comparator.comparing(ScanRecord::scannedAt).reversed())
			.toList();
	}

	/** Matching records, newest first, at most {@code limit}. */
	public List<ScanRecord> search(FindingFilter filter, int limit) {
		return all().stream().filter(filter::matches).limit(limit).toList();
	}

	public Optional<ScanRecord> byId(String id) {
		return this.results.scan(this.maxRecords).stream().filter((record) -> record.id().equals(id)).findFirst();
	}

}
