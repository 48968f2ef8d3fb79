package dev.bucketwarden.console.ebs;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;

import dev.bucketwarden.console.web.AwsUnavailableException;

/**
 * The region's EBS volumes and the snapshots this account owns (DescribeVolumes,
 * DescribeSnapshots with OwnerIds self), read through their pages, each snapshot with its
 * scan tags.
 */
public class EbsInventory {

	static final String RESULT_TAG = "scan-result";

	static final String DATE_TAG = "scan-date";

	private final Ec2Client ec2;

	public EbsInventory(Ec2Client ec2) {
		this.ec2 = ec2;
	}

	public List<VolumeView> volumes() {
		try {
			return this.ec2.describeVolumesPaginator((request) -> request.maxResults(500))
				.volumes()
				.stream()
				.map(EbsInventory::view)
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
				.map(EbsInventory::view)
				.sorted(Comparator.comparing(SnapshotView::startedAt, Comparator.nullsLast(Comparator.reverseOrder())))
				.toList();
		}
		catch (SdkException ex) {
			throw new AwsUnavailableException("Listing EBS snapshots failed: " + ex.getMessage(), ex);
		}
	}

	private static VolumeView view(Volume volume) {
		return new VolumeView(volume.volumeId(), tags(volume.tags()).get("Name"),
				(volume.size() != null) ? volume.size() : 0, volume.stateAsString(), volume.availabilityZone(),
				volume.createTime());
	}

	private static SnapshotView view(Snapshot snapshot) {
		Map<String, String> tags = tags(snapshot.tags());
		return new SnapshotView(snapshot.snapshotId(), snapshot.volumeId(),
				(snapshot.volumeSize() != null) ? snapshot.volumeSize() : 0, snapshot.stateAsString(),
				snapshot.startTime(), snapshot.description(), tags.get(RESULT_TAG), tags.get(DATE_TAG));
	}

	private static Map<String, String> tags(List<Tag> tags) {
		return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
	}

}
