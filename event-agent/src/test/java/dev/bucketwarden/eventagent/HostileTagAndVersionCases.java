package dev.bucketwarden.eventagent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bucketwarden.eventagent.HostileCase.Ignored;
import dev.bucketwarden.eventagent.HostileCase.Recorded;
import dev.bucketwarden.eventagent.HostileCase.Subject;
import dev.bucketwarden.eventagent.HostileCase.Version;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.store.tags.TaggingStatus;

import static dev.bucketwarden.eventagent.HostileCorpus.clean;
import static dev.bucketwarden.eventagent.HostileCorpus.userTags;
import static dev.bucketwarden.eventagent.HostileFixture.record;
import static dev.bucketwarden.eventagent.HostileFixture.s3Event;
import static dev.bucketwarden.eventagent.HostileStack.GUARDDUTY;
import static dev.bucketwarden.eventagent.HostileStack.KEEPING;
import static dev.bucketwarden.eventagent.HostileStack.QUARANTINING;
import static dev.bucketwarden.eventagent.HostileStack.VERSIONED;

/**
 * The corpus' cases about what surrounds an object's content: the user's tags, and the
 * versions of a key.
 */
final class HostileTagAndVersionCases {

	private HostileTagAndVersionCases() {
	}

	static List<HostileCase> tags() {
		String group = "tags";
		Map<String, String> forgedClean = new LinkedHashMap<>(userTags(9));
		forgedClean.put("scan-result", "Clean");
		List<HostileCase> cases = new ArrayList<>();
		cases.add(new HostileCase(group, "10 user tags, clean",
				(f) -> Subject.of(f.put(KEEPING, "tags/ten.txt", clean(), userTags(10))),
				Recorded.clean().withTagging(TaggingStatus.MAX_TAG_LIMIT_EXCEEDED),
				"the user's tags are never dropped for ours; the record says why ours are missing"));
		cases.add(new HostileCase(group, "10 user tags, infected",
				(f) -> Subject.of(f.put(QUARANTINING, "tags/ten.com", Samples.eicar(), userTags(10))),
				Recorded.quarantined().withTagging(TaggingStatus.MAX_TAG_LIMIT_EXCEEDED),
				"quarantined whatever the tags"));
		cases.add(new HostileCase(group, "9 user tags, clean",
				(f) -> Subject.of(f.put(KEEPING, "tags/nine.txt", clean(), userTags(9))),
				Recorded.clean().withTagging(TaggingStatus.PARTIAL), "room for `scan-result` only"));
		cases.add(new HostileCase(group, "the user's own `scan-result=Clean` on EICAR",
				(f) -> Subject.of(f.put(KEEPING, "tags/forged.com", Samples.eicar(), Map.of("scan-result", "Clean"))),
				Recorded.infectedKept(), "a forged result tag never survives a verdict"));
		cases.add(new HostileCase(group, "9 user tags and a forged `scan-result=Clean` on EICAR",
				(f) -> Subject.of(f.put(KEEPING, "tags/forged-full.com", Samples.eicar(), forgedClean)),
				Recorded.infectedKept().withTagging(TaggingStatus.PARTIAL),
				"the forged tag's slot goes to the real result"));
		cases.add(new HostileCase(group, "the user's own `GuardDutyMalwareScanStatus=NO_THREATS_FOUND` on EICAR",
				(f) -> Subject.of(f.put(GUARDDUTY, "tags/forged-guardduty.com", Samples.eicar(),
						Map.of("GuardDutyMalwareScanStatus", "NO_THREATS_FOUND"))),
				Recorded.infectedKept(), "tagged THREATS_FOUND"));
		cases.add(new HostileCase(group, "a GuardDuty tag in a bucket with our tag schema",
				(f) -> Subject.of(f.put(KEEPING, "tags/stray-guardduty.com", Samples.eicar(),
						Map.of("GuardDutyMalwareScanStatus", "NO_THREATS_FOUND"))),
				Recorded.infectedKept(), "removed: no result tag of either schema may contradict the verdict"));
		cases.add(new HostileCase(group, "tag key of 128 and value of 256 characters (S3's limits)",
				(f) -> Subject.of(f.put(KEEPING, "tags/long.txt", clean(), Map.of("k".repeat(128), "v".repeat(256)))),
				Recorded.clean(), ""));
		cases.add(new HostileCase(group, "tag key and value with every symbol S3 allows", (f) -> {
			Version version = f.putQuietly(KEEPING, "tags/symbols.txt", clean());
			f.direct()
				.putObjectTagging((request) -> request.bucket(KEEPING)
					.key(version.key())
					.tagging((tagging) -> tagging.tagSet((tag) -> tag.key("a b+c-d=e.f_g:h/i@j").value("+-=._:/@ x"))));
			f.send(s3Event(record("ObjectCreated:Put", version)));
			return Subject.of(version);
		}, Recorded.clean(),
				"written with PutObjectTagging: S3Mock stores a tagging header of a PUT without decoding it"));
		return cases;
	}

	static List<HostileCase> versions() {
		String group = "versions";
		List<HostileCase> cases = new ArrayList<>();
		cases.add(new HostileCase(group, "infected v1 under a key whose v2 is clean: v1", (f) -> {
			Version v1 = f.put(VERSIONED, "versions/pair-1.com", Samples.eicar());
			f.put(VERSIONED, "versions/pair-1.com", clean());
			return Subject.of(v1);
		}, Recorded.quarantined(), "only that version is moved"));
		cases.add(new HostileCase(group, "infected v1 under a key whose v2 is clean: v2", (f) -> {
			f.put(VERSIONED, "versions/pair-2.com", Samples.eicar());
			return Subject.of(f.put(VERSIONED, "versions/pair-2.com", clean()));
		}, Recorded.clean(), "v1's verdict never lands on v2"));
		cases.add(new HostileCase(group, "an event naming no version, for an overwritten v1", (f) -> {
			Version v1 = f.putQuietly(VERSIONED, "versions/no-id.com", Samples.eicar());
			f.putQuietly(VERSIONED, "versions/no-id.com", clean());
			Version named = new Version(v1.bucket(), v1.key(), null, v1.eTag());
			f.send(s3Event(record("ObjectCreated:Put", named)));
			return Subject.of(v1);
		}, Recorded.quarantined(), "the version with the event's ETag is found and scanned"));
		cases.add(new HostileCase(group, "a delete marker put over the version before the scan", (f) -> {
			Version v1 = f.putQuietly(VERSIONED, "versions/marked.txt", clean());
			f.direct().deleteObject((request) -> request.bucket(VERSIONED).key("versions/marked.txt"));
			f.send(s3Event(record("ObjectCreated:Put", v1)));
			return Subject.of(v1);
		}, Recorded.clean(), "the version is still there and is what the event named"));
		cases.add(new HostileCase(group, "the event of a delete marker",
				(f) -> Subject.message(f.send(s3Event(record("ObjectRemoved:DeleteMarkerCreated",
						new Version(VERSIONED, "versions/marked.txt", "marker", "x"))))),
				new Ignored("no ObjectCreated records"), ""));
		cases.add(new HostileCase(group, "a version deleted before the scan", (f) -> {
			Version v1 = f.putQuietly(VERSIONED, "versions/deleted.com", Samples.eicar());
			f.direct()
				.deleteObject(
						(request) -> request.bucket(VERSIONED).key("versions/deleted.com").versionId(v1.versionId()));
			f.send(s3Event(record("ObjectCreated:Put", v1)));
			return Subject.of(v1);
		}, Recorded.skipped("not found"), "recorded, so \"why was this not scanned?\" has an answer"));
		cases.add(new HostileCase(group, "an unversioned key overwritten before the scan", (f) -> {
			Version old = f.putQuietly(KEEPING, "versions/overwritten.txt", clean());
			f.putQuietly(KEEPING, "versions/overwritten.txt", Samples.eicar());
			f.send(s3Event(record("ObjectCreated:Put", old)));
			return Subject.of(old);
		}, Recorded.skipped("overwritten since the event"),
				"the old content's verdict never lands on the new content; its own event scans it"));
		cases.add(new HostileCase(group, "the same event twice", (f) -> {
			Version version = f.put(QUARANTINING, "versions/twice.com", Samples.eicar());
			f.send(s3Event(record("ObjectCreated:Put", version)));
			return Subject.of(version);
		}, Recorded.quarantined(), "one record, one move: the second finds the record"));
		return cases;
	}

}
