package dev.bucketwarden.agent.config;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsRegionTests {

	@Test
	void shouldRecordTheConfiguredRegionFirst() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.cloud.aws.region.static", "us-east-1");

		assertThat(ResultsAutoConfiguration.region(new ResultsProperties("t", "us-west-2"), environment))
			.isEqualTo("us-west-2");
	}

	@Test
	void shouldRecordTheAgentsAwsRegionByDefault() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.cloud.aws.region.static",
				"eu-central-1");

		assertThat(ResultsAutoConfiguration.region(new ResultsProperties("t", null), environment))
			.isEqualTo("eu-central-1");
		assertThat(ResultsAutoConfiguration.region(new ResultsProperties("t", null), new MockEnvironment())).isNull();
	}

}
