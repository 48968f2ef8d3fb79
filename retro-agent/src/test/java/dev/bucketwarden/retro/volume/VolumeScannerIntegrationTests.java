package dev.bucketwarden.retro.volume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bucketwarden.engine.chain.ChainMember;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.ScanEngineRegistry;
import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.jobs.FileResult;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobCounters;
import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.retro.RetroTestStack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A directory of a "mounted volume" scanned through the ClamAV engine with a real clamd:
 * nested directories, EICAR (moved to quarantine), a symbolic link out of the volume
 * (never followed), a link inside it, and a file that cannot be read.
 */
class VolumeScannerIntegrationTests {

	private final RetroTestStack stack = RetroTestStack.get();

	@TempDir
	Path temp;

	@Test
	void shouldScanNestedFilesQuarantineEicarAndNeverFollowLinksOut() throws Exception {
		Path volume = Files.createDirectories(this.temp.resolve("efs"));
		Path outside = Files.writeString(this.temp.resolve("secret-outside.txt"), "outside the volume");
		Files.createDirectories(volume.resolve("home/alice/docs"));
		Files.writeString(volume.resolve("readme.txt"), "hello");
		Files.writeString(volume.resolve("home/alice/docs/report.txt"), "quarterly report");
		Files.write(volume.resolve("home/alice/eicar.com"), Samples.eicar());
		Files.write(volume.resolve("home/alice/docs/archive.zip"), Samples.zip("eicar.com", Samples.eicar()));
		Files.createSymbolicLink(volume.resolve("home/alice/escape"), outside);
		Files.createSymbolicLink(volume.resolve("home/alice/escape-dir"), this.temp);
		Files.createSymbolicLink(volume.resolve("home/alice/readme-link"), volume.resolve("readme.txt"));
		// A FIFO: a special file that cannot be read as content (even by root, whom file
		// permissions do not stop).
		Path fifo = volume.resolve("home/alice/pipe");
		Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
		assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(mkfifo.exitValue()).isZero();
		Path quarantine = this.temp.resolve("quarantine");
		RetroTestStack.Lane lane = this.stack.lane("volume");
		Job job = lane.jobs()
			.create(JobRequest.directory(volume.toString(), quarantine.toString(), "test").toSpec(Clock.systemUTC()));

		Job done = scanner(lane).scan(job.id());

		Map<String, FileResult> files = lane.jobs()
			.ledger()
			.files(job.id())
			.stream()
			.collect(Collectors.toMap(FileResult::path, Function.identity()));
		assertThat(files).containsOnlyKeys("readme.txt", "home/alice/docs/report.txt", "home/alice/eicar.com",
				"home/alice/docs/archive.zip", "home/alice/escape", "home/alice/escape-dir", "home/alice/readme-link",
				"home/alice/pipe");
		assertThat(files.get("readme.txt").result()).isEqualTo("Clean");
		assertThat(files.get("home/alice/docs/report.txt").result()).isEqualTo("Clean");
		assertThat(files.get("home/alice/eicar.com").result()).isEqualTo("Infected");
		assertThat(files.get("home/alice/eicar.com").signatures()).singleElement()
			.asString()
			.startsWith("BucketWarden.Test.Eicar");
		assertThat(files.get("home/alice/docs/archive.zip").result()).isEqualTo("Infected");
		assertThat(files.get("home/alice/escape").result()).isEqualTo("Skipped");
		assertThat(files.get("home/alice/escape").reason()).contains("out of the volume");
		assertThat(files.get("home/alice/escape-dir").result()).isEqualTo("Skipped");
		assertThat(files.get("home/alice/readme-link").reason()).contains("readme.txt in the volume");
		assertThat(files.get("home/alice/pipe").result()).isEqualTo("Error");
		assertThat(files.get("home/alice/pipe").reason()).startsWith("CONTENT_READ");
		// Quarantined: moved, with its path below the quarantine directory.
		assertThat(volume.resolve("home/alice/eicar.com")).doesNotExist();
		assertThat(quarantine.resolve("home/alice/eicar.com")).hasBinaryContent(Samples.eicar());
		assertThat(files.get("home/alice/eicar.com").quarantinedTo())
			.isEqualTo(quarantine.toRealPath().resolve("home/alice/eicar.com").toString());
		assertThat(outside).hasContent("outside the volume");
		assertThat(done.state()).isEqualTo(JobState.DONE);
		JobCounters counters = done.counters();
		assertThat(counters.get(Counter.SCANNED)).isEqualTo(8);
		assertThat(counters.get(Counter.CLEAN)).isEqualTo(2);
		assertThat(counters.get(Counter.INFECTED)).isEqualTo(2);
		assertThat(counters.get(Counter.SKIPPED)).isEqualTo(3);
		assertThat(counters.get(Counter.ERRORS)).isEqualTo(1);
		assertThat(counters.resultsAddUp()).isTrue();
	}

	@Test
	void shouldRecordAnUnreadableFileAsAnErrorForUsersWithoutRoot() throws Exception {
		Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
				"root reads files whatever their permissions: the FIFO of the other test is the unreadable file there");
		Path volume = Files.createDirectories(this.temp.resolve("efs"));
		Path locked = Files.writeString(volume.resolve("locked.txt"), "no entry");
		Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
		RetroTestStack.Lane lane = this.stack.lane("unreadable");
		Job job = lane.jobs().create(JobRequest.directory(volume.toString(), null, "test").toSpec(Clock.systemUTC()));

		scanner(lane).scan(job.id());

		assertThat(lane.jobs().ledger().files(job.id())).singleElement().satisfies((file) -> {
			assertThat(file.result()).isEqualTo("Error");
			assertThat(file.reason()).contains("AccessDenied");
		});
	}

	private VolumeScanner scanner(RetroTestStack.Lane lane) throws IOException {
		EngineChain chain = EngineChain.builder()
			.member(new ChainMember(ScanEngineRegistry.load()
				.create("clamav",
						EngineSettings.of(Map.of("host", this.stack.clamd.host(), "port",
								Integer.toString(this.stack.clamd.port())))),
					true))
			.build();
		return new VolumeScanner(chain, lane.jobs(), 100L << 20, Duration.ofMinutes(1), 4);
	}

}
