package dev.bucketwarden.agent.large;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.agent.storage.ObjectChangedException;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.store.results.Coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The plan by content: members for zip (zip64 too), one sequential part for tar and gzip,
 * windows for anything else, and a refusal, never a plan that could end Clean, for a zip
 * whose directory does not add up.
 */
class ContentPlannerTests {

	private static final long WINDOW = 256 << 10;

	private static final long OVERLAP = 4 << 10;

	@Test
	void shouldCutContentThatIsNoArchiveIntoWindows() {
		BytesRangeReader reader = new BytesRangeReader(Samples.random(1 << 20, 1));

		Plan plan = plan(reader, reader.object("random.bin"));

		assertThat(plan).isEqualTo(WindowPlan.of(1 << 20, WINDOW, OVERLAP));
	}

	@Test
	void shouldCutAZipIntoRunsOfMembersThatCoverEveryMemberOnce() throws Exception {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		for (int i = 0; i < 12; i++) {
			entries.put("file-" + i + ".bin", Samples.random(60_000 + i * 7000, i));
		}
		entries.put("big.bin", Samples.random(600_000, 99));
		entries.put("empty/", new byte[0]);
		byte[] zip = Samples.zip(entries);
		BytesRangeReader reader = new BytesRangeReader(zip);
		ObjectInfo object = reader.object("archive.zip");

		Plan plan = plan(reader, object);

		ZipDirectory.Listing listing = ZipDirectory.read(reader, object, 0);
		assertThat(plan.coverage()).isEqualTo(Coverage.members(WINDOW, plan.parts().size()));
		assertThat(plan.parts()).hasSizeGreaterThan(3);
		long expectedStart = 0;
		int members = 0;
		for (Part part : plan.parts().subList(0, plan.parts().size() - 1)) {
			MemberRun run = (MemberRun) part;
			assertThat(run.start()).isEqualTo(expectedStart);
			assertThat(run.length() <= WINDOW || run.members().size() == 1).as("run %s", run.index()).isTrue();
			expectedStart = run.end();
			members += run.members().size();
		}
		assertThat(expectedStart).isEqualTo(listing.directoryOffset());
		assertThat(members).isEqualTo(entries.size());
		assertThat(plan.parts()).anyMatch((part) -> part.length() > WINDOW);
		// The directory and end record: no member's, scanned raw.
		assertThat(plan.parts().getLast()).isEqualTo(new Window(plan.parts().size() - 1, expectedStart, zip.length));
	}

	@Test
	void shouldPlanEveryMemberOfAZip64PastFourGibibytes() {
		SyntheticZip zip = new SyntheticZip().zeros("disk-0.img", 3L << 30)
			.zeros("disk-1.img", 4L << 30)
			.bytes("late/eicar.com", Samples.eicar())
			.bytes("late/readme.txt", "clean".getBytes())
			.finish();

		Plan plan = new ContentPlanner(zip, 0).plan(zip.object("backup.zip"), 8 << 20, 64 << 10);

		assertThat(plan.parts()).hasSize(4);
		MemberRun last = (MemberRun) plan.parts().get(2);
		assertThat(last.start()).isGreaterThan(7L << 30);
		assertThat(last.members()).extracting(ZipMember::size).containsExactly(68L, 5L);
		assertThat(((MemberRun) plan.parts().get(1)).members()).singleElement()
			.extracting(ZipMember::size)
			.isEqualTo(4L << 30);
		assertThat(plan.parts().getLast()).isEqualTo(new Window(3, last.end(), zip.size()));
	}

	@Test
	void shouldStreamTarAndGzipFromStartToEnd() throws IOException {
		byte[] tar = TarBuilder.tar(Map.of("a.txt", "hello".getBytes()));
		ByteArrayOutputStream gzip = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
			out.write(tar);
		}
		BytesRangeReader tarReader = new BytesRangeReader(tar);
		BytesRangeReader gzipReader = new BytesRangeReader(gzip.toByteArray());

		assertThat(plan(tarReader, tarReader.object("a.tar")).parts())
			.containsExactly(new Sequential(0, tar.length, Sequential.Format.TAR));
		assertThat(plan(gzipReader, gzipReader.object("a.tar.gz")).parts())
			.containsExactly(new Sequential(0, gzip.size(), Sequential.Format.GZIP));
	}

	@Test
	void shouldRefuseAZipWithAnEncryptedMember() {
		BytesRangeReader reader = new BytesRangeReader(
				Samples.encryptedZip(Map.of("invoice.pdf", Samples.random(4096, 2)), "secret"));

		assertThat(refusal(reader)).isEqualTo(UnscannableReason.ENCRYPTED);
	}

	@Test
	void shouldRefuseAZipWhoseMembersOverlap() {
		byte[] zip = threeMembers();
		ZipBytes.centralEntryOffset(zip, 2, ZipBytes.centralEntryOffsetValue(zip, 1));

		assertThat(refusal(new BytesRangeReader(zip))).isEqualTo(UnscannableReason.UNSUPPORTED);
	}

	@Test
	void shouldRefuseAZipWhoseMemberLiesPastItsDirectory() {
		byte[] zip = threeMembers();
		ZipBytes.centralEntryOffset(zip, 2, zip.length - 10);

		assertThat(refusal(new BytesRangeReader(zip))).isEqualTo(UnscannableReason.UNSUPPORTED);
	}

	@Test
	void shouldRefuseAZipWithBytesBeforeItsFirstMemberThatNoMemberClaims() {
		byte[] zip = threeMembers();
		// The first entry points into the second member's bytes: the first member's
		// bytes would never be scanned, and the two overlap.
		ZipBytes.centralEntryOffset(zip, 0, ZipBytes.centralEntryOffsetValue(zip, 1) - 1);

		assertThat(refusal(new BytesRangeReader(zip))).isEqualTo(UnscannableReason.UNSUPPORTED);
	}

	@Test
	void shouldRefuseAZipDeclaringMoreEntriesThanItsDirectoryHolds() {
		byte[] zip = threeMembers();
		ZipBytes.endRecordEntries(zip, 4);

		assertThat(refusal(new BytesRangeReader(zip))).isEqualTo(UnscannableReason.UNSUPPORTED);
	}

	@Test
	void shouldRefuseAZipWhoseDirectoryDoesNotEndAtItsEndRecord() {
		byte[] zip = threeMembers();
		ZipBytes.endRecordDirectoryOffset(zip, ZipBytes.endRecordDirectoryOffsetValue(zip) - 1);

		assertThat(refusal(new BytesRangeReader(zip))).isEqualTo(UnscannableReason.UNSUPPORTED);
	}

	@Test
	void shouldRefuseAZipStartingLikeOneWithoutADirectory() {
		byte[] zip = threeMembers();
		byte[] truncated = Arrays.copyOf(zip, ZipBytes.endRecordDirectoryOffsetValue(zip));

		assertThat(refusal(new BytesRangeReader(truncated))).isEqualTo(UnscannableReason.UNSUPPORTED);
	}

	@Test
	void shouldRefuseADirectoryTooLargeToPlan() {
		SyntheticZip zip = new SyntheticZip().bytes("a.txt", "a".getBytes())
			.declaring(ZipDirectory.MAX_MEMBERS + 1L)
			.finish();

		Plan plan = new ContentPlanner(zip, 0).plan(zip.object("many.zip"), WINDOW, OVERLAP);

		assertThat(plan.parts()).singleElement()
			.isInstanceOfSatisfying(Refusal.class,
					(refusal) -> assertThat(refusal.reason()).isEqualTo(UnscannableReason.LIMITS_EXCEEDED));
	}

	@Test
	void shouldEndPlanningWhenTheVersionChanged() {
		ObjectInfo object = new ObjectInfo("bucket", "gone.zip", "v1", "etag", 1 << 20, null);
		RangeReader gone = (pinned, start, end) -> {
			throw new ObjectChangedException("412", null);
		};

		assertThatExceptionOfType(ObjectChangedException.class)
			.isThrownBy(() -> new ContentPlanner(gone, 3).plan(object, WINDOW, OVERLAP));
	}

	@Test
	void shouldFailPlanningWhenTheObjectCannotBeRead() {
		ObjectInfo object = new ObjectInfo("bucket", "down.zip", "v1", "etag", 1 << 20, null);
		int[] opens = { 0 };
		RangeReader down = (pinned, start, end) -> {
			opens[0]++;
			throw new StorageException("GET failed: 503", null);
		};

		assertThatExceptionOfType(StorageException.class)
			.isThrownBy(() -> new ContentPlanner(down, 2).plan(object, WINDOW, OVERLAP));
		assertThat(opens[0]).isEqualTo(3);
	}

	private static byte[] threeMembers() {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put("a.bin", Samples.random(3000, 1));
		entries.put("b.bin", Samples.random(3000, 2));
		entries.put("c.bin", Samples.random(3000, 3));
		return Samples.zip(entries);
	}

	private static UnscannableReason refusal(BytesRangeReader reader) {
		Plan plan = plan(reader, reader.object("hostile.zip"));
		assertThat(plan.parts()).singleElement().isInstanceOf(Refusal.class);
		assertThat(plan.coverage().parts()).isOne();
		return ((Refusal) plan.parts().getFirst()).reason();
	}

	private static Plan plan(BytesRangeReader reader, ObjectInfo object) {
		return new ContentPlanner(reader, 0).plan(object, WINDOW, OVERLAP);
	}

}
