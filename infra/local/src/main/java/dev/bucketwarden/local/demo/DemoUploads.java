package dev.bucketwarden.local.demo;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.samples.Samples;

/**
 * The demo's user: writes clean and infected objects into the protected bucket with a
 * plain S3 client (through the local S3 endpoint, as an application would), then shows
 * what the event agent made of each: its tags in place, or where it was quarantined.
 *
 * <pre>java -cp local-stack.jar dev.bucketwarden.local.demo.DemoUploads .local-stack/stack.properties</pre>
 */
public final class DemoUploads {

	private static final long WAIT_MILLIS = 90_000;

	private DemoUploads() {
	}

	public static void main(String[] args) throws InterruptedException {
		Properties stack = StackProperties.load(Path.of(args[0]));
		String bucket = stack.getProperty("buckets.protected");
		String quarantine = stack.getProperty("buckets.quarantine");
		S3Client s3 = AwsClients.s3(URI.create(stack.getProperty("s3.relay-endpoint")));
		Map<String, byte[]> uploads = new LinkedHashMap<>();
		uploads.put("reports/q4 report.txt", "Quarterly report: all good.\n".getBytes());
		uploads.put("images/photo-1MiB.bin", Samples.random(1 << 20, 7));
		uploads.put("downloads/eicar.com", Samples.eicar());
		uploads.put("downloads/archive/eicar.zip", Samples.zip("inner/eicar.com", Samples.eicar()));
		uploads.put("mail/invoice-encrypted.zip",
				Samples.encryptedZip(Map.of("invoice.pdf", Samples.random(4096, 8)), "secret"));
		for (Map.Entry<String, byte[]> upload : uploads.entrySet()) {
			s3.putObject((request) -> request.bucket(bucket).key(upload.getKey()).tagging("owner=demo"),
					RequestBody.fromBytes(upload.getValue()));
			System.out
				.println("PUT s3://" + bucket + "/" + upload.getKey() + " (" + upload.getValue().length + " bytes)");
		}
		System.out.println();
		System.out.printf("%-34s %-12s %s%n", "OBJECT", "RESULT", "WHERE IT IS NOW, AND ITS TAGS");
		long deadline = System.currentTimeMillis() + WAIT_MILLIS;
		int missing = 0;
		for (String key : uploads.keySet()) {
			Optional<String> outcome = Optional.empty();
			long infectedSince = 0;
			while (outcome.isEmpty() && System.currentTimeMillis() < deadline) {
				outcome = quarantined(s3, bucket, quarantine, key);
				if (outcome.isEmpty()) {
					// Tags come before remediation: give an infected object time to be
					// moved.
					Optional<String> inPlace = inPlace(s3, bucket, key);
					boolean infected = inPlace.map((line) -> line.contains(" Infected ")).orElse(false);
					infectedSince = (infected && infectedSince == 0) ? System.currentTimeMillis() : infectedSince;
					if (!infected || System.currentTimeMillis() - infectedSince > 5_000) {
						outcome = inPlace;
					}
				}
				if (outcome.isEmpty()) {
					Thread.sleep(250);
				}
			}
			if (outcome.isEmpty()) {
				missing++;
			}
			System.out.println(outcome.orElse(String.format("%-34s %-12s %s", key, "?", "not scanned in time")));
		}
		if (missing > 0) {
			System.exit(1);
		}
	}

	private static Optional<String> inPlace(S3Client s3, String bucket, String key) {
		Map<String, String> inPlace = tags(s3, bucket, key);
		if (inPlace.containsKey("scan-result")) {
			return Optional.of(String.format("%-34s %-12s kept in s3://%s; %s", key, inPlace.get("scan-result"), bucket,
					describe(inPlace)));
		}
		return Optional.empty();
	}

	private static Optional<String> quarantined(S3Client s3, String bucket, String quarantine, String key) {
		Map<String, String> quarantined = tags(s3, quarantine, bucket + "/" + key);
		if (quarantined.containsKey("scan-result")) {
			return Optional.of(String.format("%-34s %-12s quarantined to s3://%s/%s/%s; %s", key,
					quarantined.get("scan-result"), quarantine, bucket, key, describe(quarantined)));
		}
		return Optional.empty();
	}

	private static Map<String, String> tags(S3Client s3, String bucket, String key) {
		try {
			return s3.getObjectTagging((request) -> request.bucket(bucket).key(key))
				.tagSet()
				.stream()
				.collect(Collectors.toMap((tag) -> tag.key(), (tag) -> tag.value(), (a, b) -> a, LinkedHashMap::new));
		}
		catch (S3Exception ex) {
			return Map.of();
		}
	}

	private static String describe(Map<String, String> tags) {
		return tags.entrySet()
			.stream()
			.filter((tag) -> !tag.getKey().equals("scan-date"))
			.map((tag) -> tag.getKey() + "=" + tag.getValue())
			.collect(Collectors.joining(" "));
	}

}
