package dev.bucketwarden.infra.aws.region;

import java.util.List;

import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcLookupOptions;
import software.constructs.Construct;

/**
 * A region's VPC: an existing one by id (looked up at synth time, so the stack needs an
 * explicit account and region), or a new one with public subnets for the load balancer
 * and private subnets with egress for the tasks (they pull images, and freshclam fetches
 * signatures).
 */
public final class Network {

	private Network() {
	}

	public static IVpc vpc(Construct scope, String vpcId) {
		if (vpcId != null) {
			return Vpc.fromLookup(scope, "Vpc", VpcLookupOptions.builder().vpcId(vpcId).build());
		}
		return Vpc.Builder.create(scope, "Vpc")
			.maxAzs(2)
			.natGateways(1)
			.subnetConfiguration(List.of(
					SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
					SubnetConfiguration.builder()
						.name("tasks")
						.subnetType(SubnetType.PRIVATE_WITH_EGRESS)
						.cidrMask(20)
						.build()))
			.build();
	}

}
