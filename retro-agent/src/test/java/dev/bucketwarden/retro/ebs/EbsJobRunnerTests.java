package dev.bucketwarden.retro.ebs;

import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Snapshot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which snapshots of a linked account the deployment's account can make a volume of: an
 * unencrypted one, or one encrypted with a key that was shared with it.
 */
class EbsJobRunnerTests {

	private static final String KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

	@Test
	void shouldShareAnUnencryptedSnapshot() {
		Snapshot snapshot = Snapshot.builder().snapshotId("snap-1").encrypted(false).build();

		assertThat(EbsJobRunner.unusableKey(snapshot, "111122223333", "123456789012", List.of())).isNull();
		assertThat(EbsJobRunner.unusableKey(Snapshot.builder().snapshotId("snap-1").build(), "111122223333",
				"123456789012", List.of()))
			.isNull();
	}

	@Test
	void shouldShareASnapshotEncryptedWithASharedKey() {
		Snapshot snapshot = Snapshot.builder().snapshotId("snap-1").encrypted(true).kmsKeyId(KEY).build();

		assertThat(EbsJobRunner.unusableKey(snapshot, "111122223333", "123456789012", List.of(KEY))).isNull();
	}

	@Test
	void shouldRefuseASnapshotEncryptedWithAKeyNotShared() {
		Snapshot snapshot = Snapshot.builder().snapshotId("snap-1").encrypted(true).kmsKeyId(KEY).build();

		assertThat(EbsJobRunner.unusableKey(snapshot, "111122223333", "123456789012",
				List.of(KEY.replace("1234abcd", "9999abcd"))))
			.contains("snap-1 of account 111122223333 is encrypted with KMS key " + KEY)
			.contains("account 123456789012")
			.contains("bucketwarden.retro.ebs.shared-kms-keys");
		assertThat(EbsJobRunner.unusableKey(Snapshot.builder().snapshotId("snap-2").encrypted(true).build(),
				"111122223333", "123456789012", List.of(KEY)))
			.contains("snap-2");
	}

}
