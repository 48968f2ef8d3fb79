package dev.bucketwarden.retro.ebs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.ModifySnapshotAttributeRequest;
import software.amazon.awssdk.services.ec2.model.OperationType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotAttributeName;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Tag;

import dev.bucketwarden.store.results.ResultStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The EC2 requests of an EBS job, field by field, and the bounded wait for a snapshot (an
 * EC2 stand-in that answers the states in turn; the clock moves with each sleep).
 */
class SnapshotsTests {

	@Test
	void shouldTagTheSnapshotWithTheJobWhenTakingIt() {
		CreateSnapshotRequest request = Snapshots.createSnapshot("retro-1", "vol-0abc");

		assertThat(request.volumeId()).isEqualTo("vol-0abc");
		assertThat(request.description()).isEqualTo("BucketWarden retro job retro-1: a scan of vol-0abc");
		assertThat(request.tagSpecifications()).hasSize(1);
		assertThat(request.tagSpecifications().getFirst().resourceType()).isEqualTo(ResourceType.SNAPSHOT);
		assertThat(request.tagSpecifications().getFirst().tags())
			.containsExactly(Tag.builder().key("bucketwarden:retro-job").value("retro-1").build());
	}

	@Test
	void shouldTagTheResultAndDate() {
		CreateTagsRequest request = Snapshots.createTags("snap-1", ResultStatus.INFECTED,
				Instant.parse("2026-12-06T10:00:00Z"));

		assertThat(request.resources()).containsExactly("snap-1");
		assertThat(request.tags()).containsExactly(Tag.builder().key("scan-result").value("Infected").build(),
				Tag.builder().key("scan-date").value("2026-12-06T10:00:00Z").build());
	}

	@Test
	void shouldShareTheSnapshotWithTheAccountAndTakeTheShareBack() {
		ModifySnapshotAttributeRequest share = Snapshots.createVolumePermission("snap-1", "123456789012",
				OperationType.ADD);
		ModifySnapshotAttributeRequest unshare = Snapshots.createVolumePermission("snap-1", "123456789012",
				OperationType.REMOVE);

		assertThat(share.snapshotId()).isEqualTo("snap-1");
		assertThat(share.attribute()).isEqualTo(SnapshotAttributeName.CREATE_VOLUME_PERMISSION);
		assertThat(share.operationType()).isEqualTo(OperationType.ADD);
		assertThat(share.userIds()).containsExactly("123456789012");
		assertThat(share.groupNames()).as("never public").isEmpty();
		assertThat(share.createVolumePermission()).isNull();
		assertThat(unshare.operationType()).isEqualTo(OperationType.REMOVE);
		assertThat(unshare.userIds()).containsExactly("123456789012");
		assertThat(unshare.attribute()).isEqualTo(SnapshotAttributeName.CREATE_VOLUME_PERMISSION);
	}

	@Test
	void shouldPollWithBackoffUntilCompleted() {
		States ec2 = new States(SnapshotState.PENDING, SnapshotState.PENDING, SnapshotState.PENDING,
				SnapshotState.COMPLETED);
		AtomicInteger alive = new AtomicInteger();

		Snapshot snapshot = ec2.snapshots().awaitCompleted("snap-1", Duration.ofMinutes(5), alive::incrementAndGet);

		assertThat(snapshot.state()).isEqualTo(SnapshotState.COMPLETED);
		assertThat(ec2.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
		assertThat(alive).hasValue(4);
	}

	@Test
	void shouldFailASnapshotInError() {
		States ec2 = new States(SnapshotState.PENDING, SnapshotState.ERROR);

		assertThatExceptionOfType(SnapshotException.class)
			.isThrownBy(() -> ec2.snapshots().awaitCompleted("snap-1", Duration.ofMinutes(5), () -> {
			}))
			.withMessage("Snapshot snap-1 is in error: broken");
	}

	@Test
	void shouldGiveUpOnASnapshotNotCompletedWithinTheWait() {
		List<SnapshotState> pending = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			pending.add(SnapshotState.PENDING);
		}
		States ec2 = new States(pending.toArray(SnapshotState[]::new));

		assertThatExceptionOfType(SnapshotException.class)
			.isThrownBy(() -> ec2.snapshots().awaitCompleted("snap-1", Duration.ofSeconds(40), () -> {
			}))
			.withMessageContaining("is still pending")
			.withMessageContaining("snapshot-wait");
		assertThat(ec2.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
				Duration.ofSeconds(8), Duration.ofSeconds(15), Duration.ofSeconds(10));
	}

	/** An EC2 that answers DescribeSnapshots with the states in turn. */
	private static final class States implements Ec2Client {

		private final Deque<SnapshotState> states;

		private final List<Duration> sleeps = new ArrayList<>();

		private Instant now = Instant.parse("2026-12-06T10:00:00Z");

		States(SnapshotState... states) {
			this.states = new ArrayDeque<>(List.of(states));
		}

		Snapshots snapshots() {
			Clock clock = new Clock() {

				@Override
				public ZoneOffset getZone() {
					return ZoneOffset.UTC;
				}

				@Override
				public Clock withZone(ZoneId zone) {
					return this;
				}

				@Override
				public Instant instant() {
					return States.this.now;
				}

			};
			return new Snapshots(this, clock, (duration) -> {
				this.sleeps.add(duration);
				this.now = this.now.plus(duration);
			});
		}

		@Override
		public DescribeSnapshotsResponse describeSnapshots(DescribeSnapshotsRequest request) {
			assertThat(request.snapshotIds()).containsExactly("snap-1");
			SnapshotState state = this.states.removeFirst();
			return DescribeSnapshotsResponse.builder()
				.snapshots(Snapshot.builder()
					.snapshotId("snap-1")
					.state(state)
					.stateMessage((state == SnapshotState.ERROR) ? "broken" : null)
					.progress("42%")
					.build())
				.build();
		}

		@Override
		public String serviceName() {
			return "ec2";
		}

		@Override
		public void close() {
		}

	}

}
