package dev.bucketwarden.eventagent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bucketwarden.eventagent.HostileCase.Recorded;
import dev.bucketwarden.eventagent.HostileCase.Subject;
import dev.bucketwarden.local.samples.Samples;

import static dev.bucketwarden.eventagent.HostileCorpus.clean;
import static dev.bucketwarden.eventagent.HostileCorpus.nfc;
import static dev.bucketwarden.eventagent.HostileCorpus.nfd;
import static dev.bucketwarden.eventagent.HostileCorpus.unscannableKept;
import static dev.bucketwarden.eventagent.HostileStack.BUCKET_MAX_SIZE;
import static dev.bucketwarden.eventagent.HostileStack.KEEPING;
import static dev.bucketwarden.eventagent.HostileStack.QUARANTINING;
import static dev.bucketwarden.eventagent.HostileStack.SMALL;
import static dev.bucketwarden.eventagent.HostileStack.STREAM_LIMIT;

/** The corpus' cases about objects: their keys, sizes and content. */
final class HostileObjectCases {

	private HostileObjectCases() {
	}

	static List<HostileCase> keys() {
		String group = "S3 keys";
		List<HostileCase> cases = new ArrayList<>();
		cases.add(new HostileCase(group, "space (`+` in the event)",
				(f) -> Subject.of(f.put(QUARANTINING, "keys/with space.txt", clean())), Recorded.clean(), ""));
		cases.add(new HostileCase(group, "space, infected, beside a clean literal-`+` twin", (f) -> {
			f.put(QUARANTINING, "keys/a+b.com", clean());
			return Subject.of(f.put(QUARANTINING, "keys/a b.com", Samples.eicar()));
		}, Recorded.quarantined(), "a `+` decoded as a space would scan and move the twin"));
		cases.add(new HostileCase(group, "literal `+`, infected, beside a clean space twin", (f) -> {
			f.put(QUARANTINING, "keys/c d.com", clean());
			return Subject.of(f.put(QUARANTINING, "keys/c+d.com", Samples.eicar()));
		}, Recorded.quarantined(), ""));
		cases.add(new HostileCase(group, "literal `+`, clean, beside an infected space twin", (f) -> {
			f.put(QUARANTINING, "keys/e f.com", Samples.eicar());
			return Subject.of(f.put(QUARANTINING, "keys/e+f.com", clean()));
		}, Recorded.clean(), "the twin's verdict never lands on this key"));
		cases.add(new HostileCase(group, "`%25` in the key",
				(f) -> Subject.of(f.put(QUARANTINING, "keys/100%25 done.com", Samples.eicar())), Recorded.quarantined(),
				"decoded once: `%25` stays in the key"));
		cases.add(new HostileCase(group, "a lone `%`", (f) -> Subject.of(f.put(QUARANTINING, "keys/50%.txt", clean())),
				Recorded.clean(), ""));
		cases.add(new HostileCase(group, "unicode NFC, infected, beside a clean NFD twin", (f) -> {
			f.put(QUARANTINING, nfd("keys/café-1.com"), clean());
			return Subject.of(f.put(QUARANTINING, nfc("keys/café-1.com"), Samples.eicar()));
		}, Recorded.quarantined(), "S3 keys are bytes: NFC and NFD are two objects, never normalized"));
		cases.add(new HostileCase(group, "unicode NFD, clean, beside an infected NFC twin", (f) -> {
			f.put(QUARANTINING, nfc("keys/café-2.com"), Samples.eicar());
			return Subject.of(f.put(QUARANTINING, nfd("keys/café-2.com"), clean()));
		}, Recorded.clean(), ""));
		cases.add(new HostileCase(group, "1024-byte key (S3's longest), infected",
				(f) -> Subject
					.of(f.put(QUARANTINING, HostileSamples.utf8OfLength("keys/long-infected/", 1024), Samples.eicar())),
				Recorded.quarantined(),
				"FOUND AND FIXED: the copy to quarantine passed S3's 8 KB of request headers (target key, "
						+ "source key and its Base64 in metadata, percent-encoded) and failed on every attempt; "
						+ "a long key is now shortened to a readable start and a hash. The test checks the "
						+ "1024-byte limit itself, which S3Mock does not enforce"));
		cases.add(new HostileCase(group, "1024-byte key, clean",
				(f) -> Subject.of(f.put(QUARANTINING, HostileSamples.utf8OfLength("keys/long-clean/", 1024), clean())),
				Recorded.clean(), ""));
		cases.add(new HostileCase(group, "`../` segments, infected, beside a clean object at the normalized path",
				(f) -> {
					f.putQuietly(QUARANTINING, "passwd.com", clean());
					return Subject.of(f.put(QUARANTINING, "keys/dots/../../passwd.com", Samples.eicar()));
				}, Recorded.quarantined(), "a key is not a path: `..` is never resolved"));
		cases.add(new HostileCase(group, "`../` segments, clean, beside an infected object at the normalized path",
				(f) -> {
					f.putQuietly(QUARANTINING, "keys/x.com", Samples.eicar());
					return Subject.of(f.put(QUARANTINING, "keys/dots2/../x.com", clean()));
				}, Recorded.clean(), ""));
		cases.add(new HostileCase(group, "leading `/`",
				(f) -> Subject.of(f.put(QUARANTINING, "/leading.com", Samples.eicar())), Recorded.quarantined(), ""));
		cases.add(new HostileCase(group, "`//` inside the key",
				(f) -> Subject.of(f.put(QUARANTINING, "keys//double.txt", clean())), Recorded.clean(), ""));
		cases.add(new HostileCase(group, "control characters (U+0001, U+001F, tab)",
				(f) -> Subject.of(f.put(QUARANTINING, "keys/ctl\u0001\u001f\t.txt", clean())), Recorded.clean(), ""));
		cases.add(new HostileCase(group, "a newline, infected",
				(f) -> Subject.of(f.put(QUARANTINING, "keys/line\nbreak.com", Samples.eicar())), Recorded.quarantined(),
				"logs are JSON lines: the newline is escaped in them, no line can be forged"));
		cases.add(new HostileCase(group, "URL syntax (`? # & =`)",
				(f) -> Subject.of(f.put(QUARANTINING, "keys/q?a=1&b#frag.txt", clean())), Recorded.clean(), ""));
		return cases;
	}

	static List<HostileCase> sizes() {
		String group = "sizes";
		List<HostileCase> cases = new ArrayList<>();
		cases.add(new HostileCase(group, "0 B", (f) -> Subject.of(f.put(KEEPING, "sizes/empty.txt", new byte[0])),
				Recorded.clean(), "nothing to hide in"));
		cases.add(new HostileCase(group, "1 B", (f) -> Subject.of(f.put(KEEPING, "sizes/one.txt", new byte[] { 'x' })),
				Recorded.clean(), ""));
		cases.add(new HostileCase(group, "exactly the stream limit (1 MiB in the test)",
				(f) -> Subject.of(f.put(KEEPING, "sizes/at-limit.bin", Samples.random(STREAM_LIMIT, 21))),
				Recorded.clean(), "every byte reached clamd"));
		cases.add(new HostileCase(group, "exactly the stream limit, marker in the last bytes",
				(f) -> Subject.of(f.put(QUARANTINING, "sizes/at-limit-marked.bin",
						Samples.randomWithMarkerAtEnd(STREAM_LIMIT, 22))),
				Recorded.quarantined(), "proves the last byte was scanned"));
		cases.add(new HostileCase(group, "one byte over the stream limit",
				(f) -> Subject.of(f.put(KEEPING, "sizes/over-limit.bin", Samples.random(STREAM_LIMIT + 1, 23))),
				unscannableKept("TOO_LARGE"), "never Clean: not every byte was scanned"));
		cases.add(new HostileCase(group, "one byte over the stream limit, EICAR first",
				(f) -> Subject.of(f.put(KEEPING, "sizes/over-limit-eicar.bin",
						HostileSamples.concat(Samples.eicar(), Samples.random(STREAM_LIMIT + 1, 24)))),
				unscannableKept("TOO_LARGE"), "refused by its size before a byte is read"));
		cases.add(new HostileCase(group, "exactly the bucket's max size (256 KiB in the test)",
				(f) -> Subject.of(f.put(SMALL, "sizes/at-max.bin", Samples.random(BUCKET_MAX_SIZE, 25))),
				Recorded.clean(), ""));
		cases.add(new HostileCase(group, "one byte over the bucket's max size",
				(f) -> Subject.of(f.put(SMALL, "sizes/over-max.bin", Samples.random(BUCKET_MAX_SIZE + 1, 26))),
				unscannableKept("TOO_LARGE"), "the bucket's limit is below the engine's, and wins"));
		return cases;
	}

	static List<HostileCase> content() {
		String group = "content";
		List<HostileCase> cases = new ArrayList<>();
		cases.add(new HostileCase(group, "EICAR",
				(f) -> Subject.of(f.put(QUARANTINING, "content/eicar.com", Samples.eicar())), Recorded.quarantined(),
				""));
		cases.add(new HostileCase(group, "EICAR nested 3 zips deep",
				(f) -> Subject.of(f.put(QUARANTINING, "content/nested-3.zip", Samples.nestedZip(Samples.eicar(), 3))),
				Recorded.quarantined(), ""));
		cases.add(new HostileCase(group, "zips nested deeper than the limit (20 > MaxRecursion 17)",
				(f) -> Subject.of(f.put(QUARANTINING, "content/nested-20.zip", Samples.nestedZip(Samples.eicar(), 20))),
				unscannableKept("LIMITS_EXCEEDED"), "not read to the bottom, so never Clean"));
		cases.add(new HostileCase(group, "zip bomb by ratio (2 MiB of zeros in 2 KiB)",
				(f) -> Subject.of(f.put(QUARANTINING, "content/ratio-bomb.zip", HostileSamples.ratioBomb(2 << 20))),
				unscannableKept("LIMITS_EXCEEDED"),
				"FOUND AND FIXED: was Clean, clamd cutting the member at MaxFileSize without an alert; "
						+ "MaxFileSize is no longer below MaxScanSize, whose alert it now raises"));
		cases.add(new HostileCase(group, "EICAR after 2 MiB of zeros in one deflated member",
				(f) -> Subject.of(f.put(QUARANTINING, "content/hidden-after-zeros.zip",
						Samples.zip("pad.com", HostileSamples.concat(new byte[2 << 20], Samples.eicar())))),
				unscannableKept("LIMITS_EXCEEDED"), "the same finding: was Clean, the malware past the cut"));
		cases.add(new HostileCase(group, "zip bomb by count (10,001 members > MaxFiles)",
				(f) -> Subject.of(f.put(QUARANTINING, "content/count-bomb.zip", HostileSamples.countBomb(10_001))),
				unscannableKept("LIMITS_EXCEEDED"), ""));
		cases.add(new HostileCase(group, "encrypted zip",
				(f) -> Subject.of(f.put(QUARANTINING, "content/encrypted.zip",
						Samples.encryptedZip(Map.of("report.pdf", Samples.random(4000, 27)), "secret"))),
				unscannableKept("ENCRYPTED"), "kept and tagged: the owner decides; never Clean"));
		cases.add(new HostileCase(group, "encrypted zip holding EICAR",
				(f) -> Subject.of(f.put(QUARANTINING, "content/encrypted-eicar.zip",
						Samples.encryptedZip(Map.of("eicar.com", Samples.eicar()), "secret"))),
				unscannableKept("ENCRYPTED"), ""));
		cases.add(new HostileCase(group, "polyglot: JPEG + zip holding EICAR",
				(f) -> Subject.of(f.put(QUARANTINING, "content/photo.jpg", HostileSamples.jpegZipPolyglot(false))),
				Recorded.quarantined(), "the embedded zip is found and read"));
		cases.add(new HostileCase(group, "polyglot: JPEG + zip holding EICAR, written by a streaming zip writer",
				(f) -> Subject
					.of(f.put(QUARANTINING, "content/photo-streamed.jpg", HostileSamples.jpegZipPolyglot(true))),
				Recorded.clean(),
				"ENGINE GAP (ClamAV 1.4.6): an embedded zip is read by its local headers, and a streamed "
						+ "member's sizes are in a data descriptor after it, so it is not extracted. Every "
						+ "byte reached clamd; no stricter setting exists. Kept so a change shows"));
		cases.add(new HostileCase(group, "polyglot: GIF header + EICAR",
				(f) -> Subject.of(f.put(QUARANTINING, "content/picture.gif", HostileSamples.gifPolyglot())),
				Recorded.quarantined(), ""));
		cases.add(new HostileCase(group, "PDF with the marker at the end of a stream",
				(f) -> Subject.of(f.put(QUARANTINING, "content/document.pdf", HostileSamples.pdfWithMarker())),
				Recorded.quarantined(), ""));
		cases.add(new HostileCase(group, "truncated zip (central directory cut off)",
				(f) -> Subject.of(f.put(QUARANTINING, "content/truncated.zip", HostileSamples.truncatedZip())),
				Recorded.clean(),
				"ENGINE GAP (ClamAV 1.4.6): without a central directory clamd extracts nothing, though a streaming reader "
						+ "such as Java's ZipInputStream does. Kept so a change shows"));
		cases.add(new HostileCase(group, "S3 body cut halfway on every read", (f) -> {
			CutS3Bodies.cut("content/cut-always.bin", Integer.MAX_VALUE);
			return Subject.of(f.put(KEEPING, "content/cut-always.bin", Samples.random(256 << 10, 29)));
		}, Recorded.errorAfterRetries("CONTENT_READ"),
				"never Clean: half a body is not a scan. Error is recorded, tagged and published on the last attempt; the message then goes to the dead-letter queue for a redrive"));
		cases.add(new HostileCase(group, "S3 body cut halfway once, marker at the end", (f) -> {
			CutS3Bodies.cut("content/cut-once.bin", 1);
			return Subject
				.of(f.put(QUARANTINING, "content/cut-once.bin", Samples.randomWithMarkerAtEnd(256 << 10, 30)));
		}, Recorded.quarantined(), "the retry reads it whole"));
		cases.add(new HostileCase(group, "EICAR among 50 clean zip members", (f) -> {
			Map<String, byte[]> members = new LinkedHashMap<>();
			for (int i = 0; i < 50; i++) {
				members.put("clean-" + i + ".txt", Samples.random(200, 100 + i));
			}
			members.put("zz-eicar.com", Samples.eicar());
			return Subject.of(f.put(QUARANTINING, "content/many.zip", Samples.zip(members)));
		}, Recorded.quarantined(), ""));
		cases.add(new HostileCase(group, "marker after 512 KiB of random bytes",
				(f) -> Subject
					.of(f.put(QUARANTINING, "content/late-marker.bin", Samples.randomWithMarkerAtEnd(512 << 10, 28))),
				Recorded.quarantined(), ""));
		return cases;
	}

}
