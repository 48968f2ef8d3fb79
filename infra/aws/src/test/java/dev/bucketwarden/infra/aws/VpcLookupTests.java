package dev.bucketwarden.infra.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cloud_assembly_schema.MissingContext;
import software.amazon.awscdk.cxapi.CloudAssembly;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An existing VPC by id: the first synthesis asks for it (the CDK CLI then looks it up
 * and stores the answer in cdk.context.json); with that answer the tasks and the load
 * balancer go into the VPC's own subnets and no VPC is created.
 */
class VpcLookupTests {

	private static final String VPC = "vpc-0a1b2c3d4e5f60718";

	@Test
	void shouldLookUpTheVpcByIdAndPlaceEverythingInItsSubnets() throws IOException {
		Map<String, Object> context = baseContext();
		CloudAssembly first = synthesize(context).assembly();
		List<MissingContext> missing = first.getManifest().getMissing();
		assertThat(missing).hasSize(1);
		MissingContext lookup = missing.getFirst();
		assertThat(lookup.getProvider().toString()).isEqualToIgnoringCase("VPC_PROVIDER");
		assertThat(lookup.getKey()).contains("filter.vpc-id=" + VPC)
			.contains("account=" + SynthesizedApp.ACCOUNT)
			.contains("region=" + SynthesizedApp.CONSOLE_REGION);

		// What the CLI would have stored for that key.
		context.put(lookup.getKey(),
				Map.of("vpcId", VPC, "vpcCidrBlock", "10.42.0.0/16", "availabilityZones", List.of(), "subnetGroups",
						List.of(group("Public", "Public", "subnet-pub-a", "subnet-pub-b"),
								group("Private", "Private", "subnet-prv-a", "subnet-prv-b"))));
		Synthesis second = synthesize(context);
		assertThat(second.assembly().getManifest().getMissing()).isNullOrEmpty();
		Template console = second.console();
		console.resourceCountIs("AWS::EC2::VPC", 0);
		Map<String, Map<String, Object>> services = Cfn.resources(console.toJSON(), "AWS::ECS::Service");
		assertThat(services).isNotEmpty();
		for (Map<String, Object> service : services.values()) {
			assertThat(Cfn.list(Cfn.path(service, "NetworkConfiguration", "AwsvpcConfiguration", "Subnets")))
				.containsExactlyInAnyOrder("subnet-prv-a", "subnet-prv-b");
		}
		Map<String, Object> alb = Cfn.resources(console.toJSON(), "AWS::ElasticLoadBalancingV2::LoadBalancer")
			.values()
			.iterator()
			.next();
		assertThat(Cfn.list(alb.get("Subnets"))).containsExactlyInAnyOrder("subnet-pub-a", "subnet-pub-b");
		Map<String, Object> group = Cfn.resources(console.toJSON(), "AWS::EC2::SecurityGroup")
			.values()
			.iterator()
			.next();
		assertThat(group.get("VpcId")).isEqualTo(VPC);
	}

	private static Map<String, Object> group(String name, String type, String... subnets) {
		String[] zones = { SynthesizedApp.CONSOLE_REGION + "a", SynthesizedApp.CONSOLE_REGION + "b" };
		List<Map<String, Object>> entries = new java.util.ArrayList<>();
		for (int i = 0; i < subnets.length; i++) {
			entries.add(Map.of("subnetId", subnets[i], "cidr", "10.42." + (name.length() * 10 + i) + ".0/24",
					"availabilityZone", zones[i], "routeTableId", "rtb-" + subnets[i]));
		}
		return Map.of("name", name, "type", type, "subnets", entries);
	}

	private static Map<String, Object> baseContext() {
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("account", SynthesizedApp.ACCOUNT);
		context.put("consoleRegion", SynthesizedApp.CONSOLE_REGION);
		context.put("vpcId", VPC);
		context.put("protectedBuckets", List.of("acme-uploads"));
		return context;
	}

	private static Synthesis synthesize(Map<String, Object> context) throws IOException {
		Path outdir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "cdk.out");
		App app = new App(AppProps.builder().context(context).outdir(outdir.toString()).build());
		BucketWardenApp built = BucketWardenApp.build(app, SynthesizedApp.checkout());
		CloudAssembly assembly = app.synth();
		return new Synthesis(assembly, built);
	}

	private record Synthesis(CloudAssembly assembly, BucketWardenApp app) {

		Template console() {
			return Template.fromStack(this.app.console());
		}

	}

}
