package dev.bucketwarden.console.ebs;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;

import dev.bucketwarden.console.web.AwsUnavailableException;

/**
 * The region's EBS volumes and the snapshots an account owns (DescribeVolumes,
 * DescribeSnapshots with OwnerIds self), read through their pages, each snapshot with its
 * scan tags: the deployment's own account, or a linked one through its role.
 */
public class EbsInventory {

	static final String RESULT_TAG = "scan-result";

	static final String DATE_TAG = "scan-date";

	private final Ec2Client ec2;

	private final @Nullable String account;

	/**
	 * @param ec2 a client of the deployment's own account, or one through a linked
	 * account's role
	 * @param account that linked account, or {@code null} for the deployment's own
	 */
	public EbsInventory(Ec2Client ec2, @Nullable String account) {
		this.ec2 = ec2;
		this.account = account;
	}

	public List<VolumeView> volumes() {
		try {
			return this.ec2.describeVolumesPaginator((request) -> request.maxResults(500))
				.volumes()
				.stream()
				.map(this::view)
				.sorted(Comparator.comparing(VolumeView::id))
				.toList();
		}
		catch (SdkException ex) {
			throw new AwsUnavailableException("Listing EBS volumes failed: " + ex.getMessage(), ex);
		}
	}

	/** The account's snapshots, newest first. */
	public List<SnapshotView> snapshots() {
		try {
			return this.ec2.describeSnapshotsPaginator((request) -> request.ownerIds("self").maxResults(1000))
				.snapshots()
				.stream()
				.map(this::view)
				.sorted(Comparator.comparing(SnapshotView::startedAt, Comparator.nullsLast(Comparator.reverseOrder())))
				.toList();
		}
		catch (SdkException ex) {
			throw new AwsUnavailableException("Listing EBS snapshots failed: " + ex.getMessage(), ex);
		}
	}

	private VolumeView view(Volume volume) {
		return new VolumeView(volume.volumeId(), tags(volume.tags()).get("Name"),
				(volume.size() != null) ? volume.size() : 0, volume.stateAsString(), volume.availabilityZone(),
				volume.createTime(), this.account);
	}

	private SnapshotView view(Snapshot snapshot) {
		Map<String, String> tags = tags(snapshot.tags());
		return new SnapshotView(snapshot.snapshotId(), snapshot.volumeId(),
				(snapshot.volumeSize() != null) ? snapshot.volumeSize() : 0, snapshot.stateAsString(),
				snapshot.startTime(), snapshot.description(), tags.get(RESULT_TAG), tags.get(DATE_TAG), this.account);
	}

	private static Map<String, String> tags(List<Tag> tags) {
		return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
	}

}
