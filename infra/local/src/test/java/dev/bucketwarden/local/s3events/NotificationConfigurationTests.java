package dev.bucketwarden.local.s3events;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NotificationConfigurationTests {

	private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:bucketwarden-s3-events";

	private static final String QUEUE = "arn:aws:sqs:elasticmq:000000000000:other-app";

	@Test
	void shouldReadEveryKindOfConfigurationWithItsFilterAndWriteItBack() {
		NotificationConfiguration configuration = parse(
				"""
						<NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
						  <QueueConfiguration>
						    <Id>other-app</Id><Queue>%s</Queue>
						    <Event>s3:ObjectRemoved:*</Event><Event>s3:ObjectTagging:Put</Event>
						    <Filter><S3Key>
						      <FilterRule><Name>prefix</Name><Value>logs/</Value></FilterRule>
						      <FilterRule><Name>Suffix</Name><Value>.gz</Value></FilterRule>
						    </S3Key></Filter>
						  </QueueConfiguration>
						  <TopicConfiguration><Id>ours</Id><Topic>%s</Topic><Event>s3:ObjectCreated:*</Event></TopicConfiguration>
						  <CloudFunctionConfiguration><Id>fn</Id><CloudFunction>arn:aws:lambda:us-east-1:1:function:f</CloudFunction>
						    <Event>s3:ObjectRestore:Completed</Event></CloudFunctionConfiguration>
						  <EventBridgeConfiguration></EventBridgeConfiguration>
						</NotificationConfiguration>"""
					.formatted(QUEUE, TOPIC));

		assertThat(configuration.notifications()).containsExactly(
				new Notification(Notification.Kind.TOPIC, "ours", TOPIC, List.of("s3:ObjectCreated:*"), "", ""),
				new Notification(Notification.Kind.QUEUE, "other-app", QUEUE,
						List.of("s3:ObjectRemoved:*", "s3:ObjectTagging:Put"), "logs/", ".gz"),
				new Notification(Notification.Kind.CLOUD_FUNCTION, "fn", "arn:aws:lambda:us-east-1:1:function:f",
						List.of("s3:ObjectRestore:Completed"), "", ""));
		assertThat(configuration.eventBridge()).isTrue();
		assertThat(parse(configuration.toXml())).isEqualTo(configuration);
		assertThat(configuration.toXml())
			.contains("<Filter><S3Key><FilterRule><Name>Prefix</Name><Value>logs/</Value></FilterRule>"
					+ "<FilterRule><Name>Suffix</Name><Value>.gz</Value></FilterRule></S3Key></Filter>");
	}

	@Test
	void shouldWriteAnEmptyConfigurationAsS3Does() {
		assertThat(NotificationConfiguration.EMPTY.toXml())
			.endsWith("<NotificationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>");
		assertThat(parse("<NotificationConfiguration/>")).isEqualTo(NotificationConfiguration.EMPTY);
	}

	@Test
	void shouldNameAConfigurationSentWithoutAnId() {
		NotificationConfiguration configuration = parse(
				"<NotificationConfiguration><QueueConfiguration><Queue>%s</Queue><Event>s3:ObjectCreated:Put</Event>"
					.formatted(QUEUE) + "</QueueConfiguration></NotificationConfiguration>");
		assertThat(configuration.notifications().get(0).id()).isNotBlank();
	}

	@Test
	void shouldMatchEventNamesByTypeOrWildcardAndKeysByPrefixAndSuffix() {
		Notification all = new Notification(Notification.Kind.TOPIC, "a", TOPIC, List.of("s3:ObjectCreated:*"), null,
				null);
		Notification copies = new Notification(Notification.Kind.QUEUE, "c", QUEUE, List.of("s3:ObjectCreated:Copy"),
				"in/", ".txt");
		assertThat(all.matches("ObjectCreated:Put", "a")).isTrue();
		assertThat(all.matches("ObjectCreated:CompleteMultipartUpload", "a")).isTrue();
		assertThat(all.matches("ObjectRemoved:Delete", "a")).isFalse();
		assertThat(copies.matches("ObjectCreated:Copy", "in/a.txt")).isTrue();
		assertThat(copies.matches("ObjectCreated:Put", "in/a.txt")).isFalse();
		assertThat(copies.matches("ObjectCreated:Copy", "out/a.txt")).isFalse();
		assertThat(copies.matches("ObjectCreated:Copy", "in/a.txt.gz")).isFalse();
	}

	@Test
	void shouldRefuseConfigurationsThatCouldSendTheSameEventAsS3Does() {
		assertThatExceptionOfType(S3ErrorException.class)
			.isThrownBy(() -> parse(configurations(config("a", "s3:ObjectCreated:*", "", ""),
					config("b", "s3:ObjectCreated:Put", "", ""))))
			.withMessageStartingWith("Configurations overlap")
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("InvalidArgument"));
		assertThatExceptionOfType(S3ErrorException.class)
			.isThrownBy(() -> parse(configurations(config("a", "s3:ObjectCreated:*", "in/", ""),
					config("b", "s3:ObjectCreated:*", "in/sub/", ".txt"))))
			.withMessageStartingWith("Configuration is ambiguously defined");
		// Different types, or prefixes that cannot both match, do not overlap.
		assertThat(parse(
				configurations(config("a", "s3:ObjectCreated:*", "", ""), config("b", "s3:ObjectRemoved:*", "", ""),
						config("c", "s3:ObjectTagging:Put", "in/", ""), config("d", "s3:ObjectTagging:Put", "out/", ""),
						config("e", "s3:ObjectAcl:Put", "", ".txt"), config("f", "s3:ObjectAcl:Put", "", ".gz")))
			.notifications()).hasSize(6);
	}

	@Test
	void shouldRefuseWhatS3Refuses() {
		assertThatExceptionOfType(S3ErrorException.class).isThrownBy(() -> parse("not xml"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("MalformedXML"));
		assertThatExceptionOfType(S3ErrorException.class).isThrownBy(() -> parse("<Other/>"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("MalformedXML"));
		assertThatExceptionOfType(S3ErrorException.class)
			.isThrownBy(() -> parse(
					"<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + "<NotificationConfiguration/>"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("MalformedXML"));
		assertThatExceptionOfType(S3ErrorException.class)
			.isThrownBy(() -> parse(configurations(config("a", "s3:ObjectCreated:Delete", "", ""))))
			.withMessage("The event is not supported for notifications")
			.satisfies((ex) -> assertThat(ex.arguments()).containsEntry("Event", "s3:ObjectCreated:Delete"));
		assertThatExceptionOfType(S3ErrorException.class)
			.isThrownBy(() -> parse(configurations(config("a", "s3:ObjectCreated:Put", "", ""),
					config("a", "s3:ObjectRemoved:*", "", ""))))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("InvalidArgument"));
		assertThatExceptionOfType(S3ErrorException.class)
			.isThrownBy(() -> parse(configurations("<QueueConfiguration><Queue>" + QUEUE
					+ "</Queue><Event>s3:ObjectCreated:*</Event><Filter><S3Key><FilterRule><Name>middle</Name>"
					+ "<Value>x</Value></FilterRule></S3Key></Filter></QueueConfiguration>")))
			.withMessage("filter rule name must be either prefix or suffix");
		assertThatExceptionOfType(S3ErrorException.class).isThrownBy(
				() -> parse(configurations("<QueueConfiguration><Queue>" + QUEUE + "</Queue></QueueConfiguration>")))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("MalformedXML"));
	}

	@Test
	void shouldWriteS3sErrorDocument() {
		String xml = new S3ErrorException(400, "InvalidArgument",
				"Unable to validate the following destination configurations",
				Map.of(QUEUE, "The destination queue does not exist"))
			.toXml();
		assertThat(xml).contains("<Code>InvalidArgument</Code>")
			.contains("<Message>Unable to validate the following destination configurations</Message>")
			.contains("<ArgumentName1>" + QUEUE + "</ArgumentName1>")
			.contains("<ArgumentValue1>The destination queue does not exist</ArgumentValue1>");
	}

	private static String config(String id, String event, String prefix, String suffix) {
		return "<QueueConfiguration><Id>" + id + "</Id><Queue>" + QUEUE + "</Queue><Event>" + event + "</Event>"
				+ "<Filter><S3Key><FilterRule><Name>prefix</Name><Value>" + prefix + "</Value></FilterRule>"
				+ "<FilterRule><Name>suffix</Name><Value>" + suffix + "</Value></FilterRule></S3Key></Filter>"
				+ "</QueueConfiguration>";
	}

	private static String configurations(String... configurations) {
		return "<NotificationConfiguration>" + String.join("", configurations) + "</NotificationConfiguration>";
	}

	private static NotificationConfiguration parse(String xml) {
		return NotificationConfiguration.parse(xml.getBytes(StandardCharsets.UTF_8));
	}

}
