package dev.bucketwarden.eventagent;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bucketwarden.eventagent.HostileCase.DeadLettered;
import dev.bucketwarden.eventagent.HostileCase.Ignored;
import dev.bucketwarden.eventagent.HostileCase.Recorded;
import dev.bucketwarden.eventagent.HostileCase.Subject;
import dev.bucketwarden.eventagent.HostileCase.Version;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.tags.TaggingStatus;

import static dev.bucketwarden.eventagent.HostileFixture.record;
import static dev.bucketwarden.eventagent.HostileFixture.s3Event;
import static dev.bucketwarden.eventagent.HostileStack.KEEPING;
import static dev.bucketwarden.eventagent.HostileStack.QUARANTINING;
import static dev.bucketwarden.eventagent.HostileStack.VERSIONED;

/**
 * The hostile-input corpus, one entry per case, by group. Objects that must be
 * quarantined go to the quarantining bucket; those whose tags are checked in place, to
 * the keeping one.
 */
final class HostileCorpus {

	private static final byte[] CLEAN = "nothing to see here".getBytes();

	private HostileCorpus() {
	}

	static List<HostileCase> all() {
		List<HostileCase> cases = new ArrayList<>();
		cases.addAll(HostileObjectCases.keys());
		cases.addAll(HostileObjectCases.sizes());
		cases.addAll(HostileObjectCases.content());
		cases.addAll(HostileTagAndVersionCases.tags());
		cases.addAll(messages());
		cases.addAll(HostileTagAndVersionCases.versions());
		return List.copyOf(cases);
	}

	static List<HostileCase> messages() {
		String group = "messages";
		List<HostileCase> cases = new ArrayList<>();
		cases.add(new HostileCase(group, "blank body (SQS refuses an empty one)", (f) -> Subject.message(f.send(" ")),
				new DeadLettered("not a JSON object"), ""));
		cases.add(new HostileCase(group, "`{}`", (f) -> Subject.message(f.send("{}")),
				new DeadLettered("neither an S3 event"), ""));
		cases.add(new HostileCase(group, "cut JSON",
				(f) -> Subject.message(f.send("{\"Records\":[{\"eventSource\":\"aws:s3\"")),
				new DeadLettered("not JSON"), ""));
		cases.add(new HostileCase(group, "a JSON array", (f) -> Subject.message(f.send("[{\"Records\":[]}]")),
				new DeadLettered("not a JSON object"), ""));
		cases.add(new HostileCase(group, "SNS envelope with a non-JSON message",
				(f) -> Subject.message(f
					.send(HostileFixture.sns(HostileFixture.topicArn(HostileStack.ACCOUNT), "Amazon S3 says hello"))),
				new DeadLettered("not JSON"), ""));
		cases.add(new HostileCase(group, "EventBridge event without detail",
				(f) -> Subject.message(f.send("{\"version\":\"0\",\"detail-type\":\"Object Created\","
						+ "\"source\":\"aws.s3\",\"account\":\"" + HostileStack.ACCOUNT + "\"}")),
				new DeadLettered("neither an S3 event"), ""));
		cases.add(new HostileCase(group, "`Records` empty", (f) -> Subject.message(f.send("{\"Records\":[]}")),
				new DeadLettered("not a non-empty array"), ""));
		cases.add(new HostileCase(group, "a record from another event source",
				(f) -> Subject.message(f.send(s3Event(
						record("ObjectCreated:Put", new Version(QUARANTINING, "messages/other-source.txt", null, "x"))
							.replace("\"aws:s3\"", "\"aws:sqs\"")))),
				new DeadLettered("not an S3 event"), ""));
		cases.add(new HostileCase(group, "an ObjectCreated record without a key",
				(f) -> Subject.message(f.send(s3Event("{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\","
						+ "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"" + QUARANTINING
						+ "\"},\"object\":{}}}"))),
				new DeadLettered("names no bucket or key"), ""));
		cases.add(new HostileCase(group, "100 records in one message", HostileCorpus::hundredRecords, Recorded.clean(),
				"each of the 100 objects is scanned and recorded before the one message is acknowledged"));
		cases.add(new HostileCase(group, "a 256 KiB body (SQS's largest)", HostileCorpus::largestBody, Recorded.clean(),
				"unknown fields are padding, not a reason to refuse"));
		cases.add(new HostileCase(group, "`s3:TestEvent`",
				(f) -> Subject.message(f.send("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\"," + "\"Bucket\":\""
						+ QUARANTINING + "\"}")),
				new Ignored("s3:TestEvent"), "S3 sends it when notifications are configured"));
		cases.add(new HostileCase(group, "unknown event name (`ObjectRestore:Completed`)",
				(f) -> Subject.message(f.send(s3Event(record("ObjectRestore:Completed",
						new Version(QUARANTINING, "messages/restored.txt", null, "x"))))),
				new Ignored("no ObjectCreated records"), "only object creations are scanned"));
		cases.add(new HostileCase(group, "`ObjectRemoved:DeleteMarkerCreated`",
				(f) -> Subject.message(f.send(s3Event(record("ObjectRemoved:DeleteMarkerCreated",
						new Version(VERSIONED, "messages/marker.txt", "v-marker", "x"))))),
				new Ignored("no ObjectCreated records"), ""));
		cases.add(new HostileCase(group, "EventBridge `Object Deleted`",
				(f) -> Subject.message(f.send(HostileFixture
					.eventBridge(HostileStack.ACCOUNT, new Version(QUARANTINING, "messages/deleted.txt", null, "x"))
					.replace("Object Created", "Object Deleted"))),
				new Ignored("EventBridge Object Deleted"), ""));
		cases.add(new HostileCase(group, "a record for another region", HostileCorpus::otherRegion,
				new DeadLettered("rejected: event for region ap-southeast-7"),
				"the deployment serves its own regions: the object named is not read, tagged or moved"));
		cases.add(new HostileCase(group, "a good record beside one for another region", HostileCorpus::mixedRegions,
				new DeadLettered("rejected: event for region"),
				"S3 never mixes regions in one message: the whole message is suspect, its good record too"));
		cases.add(new HostileCase(group, "SNS from another account's topic", HostileCorpus::otherTopic,
				new DeadLettered("rejected: SNS topic account 111111111111"), ""));
		cases.add(new HostileCase(group, "EventBridge from another account", HostileCorpus::otherAccount,
				new DeadLettered("rejected: EventBridge event's account 111111111111"), ""));
		cases.add(new HostileCase(group, "a key that is not URL-encoded (`%zz`)",
				(f) -> Subject.message(f.send(s3Event(HostileFixture.recordWithEncodedKey("ObjectCreated:Put",
						QUARANTINING, "messages/bad%zz", null, "x", "us-east-1")))),
				new DeadLettered("not URL-encoded"), "S3 never writes such a key: no retry can read it"));
		cases.add(new HostileCase(group, "an event for a bucket nobody protects",
				(f) -> Subject.of(new Version("not-protected-anywhere", "messages/elsewhere.txt", null, "x"),
						f.send(s3Event(record("ObjectCreated:Put",
								new Version("not-protected-anywhere", "messages/elsewhere.txt", null, "x"))))),
				Recorded.skipped("not found"),
				"with no protected-bucket list configured the bucket is scanned if it exists; it does not"));
		return cases;
	}

	private static Subject otherRegion(HostileFixture f) {
		Version version = f.putQuietly(QUARANTINING, "messages/other-region.com", Samples.eicar());
		return Subject.of(version,
				f.send(s3Event(HostileFixture.record("ObjectCreated:Put", version, "ap-southeast-7"))));
	}

	private static Subject mixedRegions(HostileFixture f) {
		Version good = f.putQuietly(QUARANTINING, "messages/mixed-good.com", Samples.eicar());
		Version other = new Version(QUARANTINING, "messages/mixed-other.txt", null, "x");
		return Subject.of(good, f.send(s3Event(record("ObjectCreated:Put", good),
				HostileFixture.record("ObjectCreated:Put", other, "ap-southeast-7"))));
	}

	private static Subject otherTopic(HostileFixture f) {
		Version version = f.putQuietly(QUARANTINING, "messages/other-topic.com", Samples.eicar());
		return Subject.of(version, f.send(HostileFixture.sns(HostileFixture.topicArn("111111111111"),
				s3Event(record("ObjectCreated:Put", version)))));
	}

	private static Subject otherAccount(HostileFixture f) {
		Version version = f.putQuietly(QUARANTINING, "messages/other-account.com", Samples.eicar());
		return Subject.of(version, f.send(HostileFixture.eventBridge("111111111111", version)));
	}

	private static Subject hundredRecords(HostileFixture f) {
		List<Version> versions = new ArrayList<>();
		List<String> records = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			Version version = f.putQuietly(KEEPING, "messages/hundred/" + i + ".txt", ("object " + i).getBytes());
			versions.add(version);
			records.add(record("ObjectCreated:Put", version));
		}
		return new Subject(versions, f.send(s3Event(records.toArray(String[]::new))));
	}

	private static Subject largestBody(HostileFixture f) {
		Version version = f.putQuietly(KEEPING, "messages/largest-body.txt", CLEAN);
		String event = s3Event(record("ObjectCreated:Put", version));
		String prefix = event.substring(0, event.length() - 1) + ",\"padding\":\"";
		String body = prefix + "x".repeat(256 * 1024 - prefix.length() - 2) + "\"}";
		return Subject.of(version, f.send(body));
	}

	static String nfc(String value) {
		return Normalizer.normalize(value, Normalizer.Form.NFC);
	}

	static String nfd(String value) {
		return Normalizer.normalize(value, Normalizer.Form.NFD);
	}

	static Map<String, String> userTags(int count) {
		Map<String, String> tags = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			tags.put("user-" + i, "value-" + i);
		}
		return tags;
	}

	static byte[] clean() {
		return CLEAN.clone();
	}

	static Recorded unscannableKept(String reason) {
		return new Recorded(ResultStatus.UNSCANNABLE, reason, TaggingStatus.TAGGED, HostileCase.Placement.KEPT);
	}

}
