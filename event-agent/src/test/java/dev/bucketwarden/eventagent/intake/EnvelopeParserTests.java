package dev.bucketwarden.eventagent.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.agent.trust.TrustProperties;
import dev.bucketwarden.store.results.ScanSource;

import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeParserTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ScanTarget FIRST = new ScanTarget("uploads", "invoices/2026/Q4 report (1).pdf",
			"3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", "0123456789abcdef0123456789abcdef", ScanSource.EVENT,
			Instant.parse("2026-11-22T04:00:00Z"));

	private static final ScanTarget SECOND = new ScanTarget("uploads", "résumés/日本/a+b.txt", null,
			"fedcba9876543210fedcba9876543210-3", ScanSource.EVENT, Instant.parse("2026-11-22T04:00:01Z"));

	@Test
	void shouldReadEveryRecordOfARawS3EventAndDecodeKeys() {
		assertThat(EnvelopeParser.parse(fixture("s3-put-two-records.json")))
			.isEqualTo(new Envelope.Targets(List.of(FIRST, SECOND)));
	}

	@Test
	void shouldUnwrapAnSnsNotification() {
		assertThat(EnvelopeParser.parse(fixture("sns-wrapped-two-records.json")))
			.isEqualTo(new Envelope.Targets(List.of(FIRST, SECOND)));
	}

	@Test
	void shouldReadAnEventBridgeObjectCreatedEventWithoutDecodingTheKeyAndKeepItsAccount() {
		assertThat(EnvelopeParser.parse(fixture("eventbridge-object-created.json")))
			.isEqualTo(new Envelope.Targets(List.of(new ScanTarget("uploads", "plain key with spaces+plus.txt",
					"IYV3p45BhZA4UbPaPTSNvB5DTNcpOcR", "b1946ac92492d2347c6235b4d2611184", ScanSource.EVENT,
					Instant.parse("2026-11-22T04:00:00Z"), "123456789012"))));
	}

	@Test
	void shouldScanARecordWhoseEventTimeIsMissingOrUnreadableWithoutOne() {
		String body = """
				{"Records": [{"eventSource": "aws:s3", "awsRegion": "us-east-1", "eventName": "ObjectCreated:Put",
				  "eventTime": "yesterday", "s3": {"bucket": {"name": "uploads"}, "object": {"key": "a.txt"}}}]}
				""";

		assertThat(EnvelopeParser.parse(body))
			.isEqualTo(new Envelope.Targets(List.of(new ScanTarget("uploads", "a.txt", null, null, ScanSource.EVENT))));
	}

	@Test
	void shouldIgnoreTheS3TestEventRawOrWrapped() {
		assertThat(EnvelopeParser.parse(fixture("s3-test-event.json"))).isInstanceOf(Envelope.Ignored.class);
		assertThat(EnvelopeParser.parse(fixture("sns-wrapped-test-event.json"))).isInstanceOf(Envelope.Ignored.class);
	}

	@Test
	void shouldIgnoreEventsThatCreateNothing() {
		assertThat(EnvelopeParser.parse(fixture("s3-object-removed.json"))).isInstanceOf(Envelope.Ignored.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not json", "[]", "42", "{}", "{\"Records\":[]}", "{\"Records\":{}}",
			"{\"Records\":[{\"eventSource\":\"aws:sqs\",\"eventName\":\"x\"}]}",
			"{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{}}]}",
			"{\"Type\":\"Notification\",\"Message\":\"{}\"}", "{\"Type\":\"Notification\",\"Message\":42}",
			"{\"source\":\"aws.s3\",\"detail-type\":\"Object Created\",\"detail\":{}}" })
	void shouldCallAnythingElsePoison(String body) {
		assertThat(EnvelopeParser.parse(body)).isInstanceOf(Envelope.Poison.class);
	}

	@Test
	void shouldCallAKeyWithAnInvalidEscapePoisonInsteadOfThrowing() {
		String body = "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\","
				+ "\"s3\":{\"bucket\":{\"name\":\"uploads\"},\"object\":{\"key\":\"100%zz.txt\"}}}]}";

		assertThat(EnvelopeParser.parse(body)).isInstanceOfSatisfying(Envelope.Poison.class,
				(poison) -> assertThat(poison.reason()).contains("not URL-encoded").contains("100%zz.txt"));
	}

	@Test
	void shouldRefuseAnSnsNotificationFromATopicOfAnotherDeploymentOrAccount() {
		String wrapped = fixture("sns-wrapped-two-records.json");
		String topic = JSON.readTree(wrapped).get("TopicArn").asString();

		assertThat(EnvelopeParser.parse(wrapped, trust(List.of(), List.of(), List.of(topic))))
			.isInstanceOf(Envelope.Targets.class);
		assertThat(EnvelopeParser.parse(wrapped,
				trust(List.of(), List.of(), List.of("arn:aws:sns:us-east-1:123456789012:other-topic"))))
			.isInstanceOfSatisfying(Envelope.Poison.class,
					(poison) -> assertThat(poison.reason()).startsWith("rejected: SNS notification from topic"));
		assertThat(EnvelopeParser.parse(wrapped, trust(List.of("999999999999"), List.of(), List.of())))
			.isInstanceOfSatisfying(Envelope.Poison.class,
					(poison) -> assertThat(poison.reason()).contains("not one of the allowed accounts"));
	}

	@Test
	void shouldRefuseARecordForAnotherRegionOrWithoutOne() {
		String raw = fixture("s3-put-two-records.json");
		String region = JSON.readTree(raw).get("Records").get(0).get("awsRegion").asString();

		assertThat(EnvelopeParser.parse(raw, trust(List.of(), List.of(region), List.of())))
			.isInstanceOf(Envelope.Targets.class);
		assertThat(EnvelopeParser.parse(raw, trust(List.of(), List.of("eu-north-1"), List.of())))
			.isInstanceOfSatisfying(Envelope.Poison.class,
					(poison) -> assertThat(poison.reason()).startsWith("rejected: event for region"));
		assertThat(EnvelopeParser.parse(raw.replace("\"awsRegion\"", "\"region\""),
				trust(List.of(), List.of(region), List.of())))
			.isInstanceOf(Envelope.Poison.class);
	}

	@Test
	void shouldRefuseAnEventBridgeEventOfAnotherAccount() {
		String event = fixture("eventbridge-object-created.json");
		String account = JSON.readTree(event).get("account").asString();

		assertThat(EnvelopeParser.parse(event, trust(List.of(account), List.of(), List.of())))
			.isInstanceOf(Envelope.Targets.class);
		assertThat(EnvelopeParser.parse(event, trust(List.of("999999999999"), List.of(), List.of())))
			.isInstanceOfSatisfying(Envelope.Poison.class,
					(poison) -> assertThat(poison.reason()).startsWith("rejected: EventBridge event's account"));
	}

	private static EnvelopeTrust trust(List<String> accounts, List<String> regions, List<String> topics) {
		return new EnvelopeTrust(new TrustProperties(List.of(), accounts, regions, topics));
	}

	private static String fixture(String name) {
		try (InputStream in = EnvelopeParserTests.class.getResourceAsStream("/events/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
