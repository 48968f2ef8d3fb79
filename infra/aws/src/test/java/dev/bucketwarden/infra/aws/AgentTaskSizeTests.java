package dev.bucketwarden.infra.aws;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every agent's container is told its task's size, which the console's cost estimate
 * prices; the console (not an agent) is not.
 */
class AgentTaskSizeTests {

	@Test
	void shouldTellEveryAgentTheSizeOfItsTask() {
		Map<String, Map<String, String>> sizes = new LinkedHashMap<>();
		for (Template template : new Template[] { SynthesizedApp.get().console(), SynthesizedApp.get().agents() }) {
			template.findResources("AWS::ECS::TaskDefinition").forEach((id, task) -> {
				Object properties = Cfn.path(task, "Properties");
				String family = Cfn.text(Cfn.path(properties, "Family"));
				for (Object container : Cfn.list(Cfn.path(properties, "ContainerDefinitions"))) {
					Map<String, String> environment = new LinkedHashMap<>();
					Object variables = Cfn.path(container, "Environment");
					if (variables != null) {
						for (Object variable : Cfn.list(variables)) {
							environment.put(Cfn.path(variable, "Name"), Cfn.text(Cfn.path(variable, "Value")));
						}
					}
					if (environment.containsKey("BUCKETWARDEN_RESULTS_TABLE")
							|| environment.containsKey("BUCKETWARDEN_USAGE_TASKVCPU")) {
						String cpu = Cfn.text(Cfn.path(properties, "Cpu"));
						String memory = Cfn.text(Cfn.path(properties, "Memory"));
						sizes.put(family + "/" + Cfn.path(container, "Name"),
								Map.of("expected vCPU",
										new BigDecimal(cpu).divide(BigDecimal.valueOf(1024)).toPlainString(), "vCPU",
										String.valueOf(environment.get("BUCKETWARDEN_USAGE_TASKVCPU")),
										"expected memory", memory + "MB", "memory",
										String.valueOf(environment.get("BUCKETWARDEN_USAGE_TASKMEMORY"))));
					}
				}
			});
		}

		assertThat(sizes).containsKeys("bucketwarden-event-agent/event-agent", "bucketwarden-api-agent/api-agent",
				"bucketwarden-retro-agent/retro-agent");
		sizes.forEach((container, size) -> {
			if (container.startsWith("bucketwarden-console")) {
				assertThat(size.get("vCPU")).as(container).isEqualTo("null");
			}
			else {
				assertThat(size.get("vCPU")).as(container).isEqualTo(size.get("expected vCPU"));
				assertThat(size.get("memory")).as(container).isEqualTo(size.get("expected memory"));
			}
		});
	}

}
