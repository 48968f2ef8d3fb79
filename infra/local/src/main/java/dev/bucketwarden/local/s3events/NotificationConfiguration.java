package dev.bucketwarden.local.s3events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A bucket's event notification configuration, as PutBucketNotificationConfiguration
 * sends it and GetBucketNotificationConfiguration returns it: topic, queue and Lambda
 * configurations, and whether EventBridge gets the bucket's events.
 *
 * @param notifications every configuration, topics first, then queues, then functions
 * @param eventBridge whether the document had an {@code EventBridgeConfiguration}
 */
record NotificationConfiguration(List<Notification> notifications, boolean eventBridge) {

	static final NotificationConfiguration EMPTY = new NotificationConfiguration(List.of(), false);

	private static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

	private static final Set<String> ELEMENTS = Set.of("TopicConfiguration", "QueueConfiguration",
			"CloudFunctionConfiguration", "EventBridgeConfiguration");

	NotificationConfiguration {
		notifications = List.copyOf(notifications);
	}

	/**
	 * Reads the document as S3 does, checking what S3 checks without looking at the
	 * destinations: event types, filter rules, ids, and that no two configurations could
	 * send the same event.
	 * @throws S3ErrorException MalformedXML or InvalidArgument, as S3 answers
	 */
	static NotificationConfiguration parse(byte[] xml) {
		Element root = Xml.parse(xml);
		if (!Xml.localName(root).equals("NotificationConfiguration")) {
			throw S3ErrorException.malformedXml();
		}
		for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && !ELEMENTS.contains(Xml.localName(element))) {
				throw S3ErrorException.malformedXml();
			}
		}
		List<Notification> notifications = new ArrayList<>();
		for (Notification.Kind kind : Notification.Kind.values()) {
			for (Element element : Xml.children(root, kind.element)) {
				notifications.add(notification(kind, element));
			}
		}
		NotificationConfiguration configuration = new NotificationConfiguration(notifications,
				!Xml.children(root, "EventBridgeConfiguration").isEmpty());
		configuration.check();
		return configuration;
	}

	private static Notification notification(Notification.Kind kind, Element element) {
		String arn = Xml.text(element, kind.arnElement);
		List<String> events = Xml.children(element, "Event").stream().map((e) -> e.getTextContent().strip()).toList();
		if (arn == null || arn.isEmpty() || events.isEmpty()) {
			throw S3ErrorException.malformedXml();
		}
		for (String event : events) {
			if (!Notification.EVENT_TYPES.contains(event)) {
				throw S3ErrorException.invalidArgument("The event is not supported for notifications", "Event", event);
			}
		}
		String id = Xml.text(element, "Id");
		if (id == null || id.isEmpty()) {
			// S3 names a configuration sent without an id.
			id = UUID.randomUUID().toString();
		}
		String prefix = null;
		String suffix = null;
		for (Element filter : Xml.children(element, "Filter")) {
			for (Element key : Xml.children(filter, "S3Key")) {
				for (Element rule : Xml.children(key, "FilterRule")) {
					String name = String.valueOf(Xml.text(rule, "Name")).toLowerCase(Locale.ROOT);
					String value = (Xml.text(rule, "Value") != null) ? Xml.text(rule, "Value") : "";
					if (name.equals("prefix") && prefix == null) {
						prefix = value;
					}
					else if (name.equals("suffix") && suffix == null) {
						suffix = value;
					}
					else if (name.equals("prefix") || name.equals("suffix")) {
						throw S3ErrorException.invalidArgument(
								"Cannot specify more than one " + name + " rule in a filter.", "FilterRule", name);
					}
					else {
						throw S3ErrorException.invalidArgument("filter rule name must be either prefix or suffix",
								"FilterRule", String.valueOf(Xml.text(rule, "Name")));
					}
				}
			}
		}
		return new Notification(kind, id, arn, events, prefix, suffix);
	}

	private void check() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < this.notifications.size(); i++) {
			Notification notification = this.notifications.get(i);
			if (!ids.add(notification.id())) {
				throw S3ErrorException.invalidArgument("Same ID used for multiple configurations", "Id",
						notification.id());
			}
			for (int j = 0; j < i; j++) {
				Notification earlier = this.notifications.get(j);
				if (notification.overlaps(earlier)) {
					String message = (notification.filtered() || earlier.filtered())
							? "Configuration is ambiguously defined. Cannot have overlapping suffixes in two rules if the prefixes are overlapping for the same event type."
							: "Configurations overlap. Configurations on the same bucket cannot share a common event type.";
					throw S3ErrorException.invalidArgument(message, "Event", String.join(",", notification.events()));
				}
			}
		}
	}

	/** Every configuration that sends this event. */
	List<Notification> matching(String eventName, String key) {
		return this.notifications.stream().filter((n) -> n.matches(eventName, key)).toList();
	}

	/** This configuration with {@code notification} in place of any of the same id. */
	NotificationConfiguration with(Notification notification) {
		List<Notification> next = new ArrayList<>(without(notification.id()).notifications);
		next.add(notification);
		next.sort((a, b) -> a.kind().compareTo(b.kind()));
		return new NotificationConfiguration(next, this.eventBridge);
	}

	NotificationConfiguration without(String id) {
		return new NotificationConfiguration(this.notifications.stream().filter((n) -> !n.id().equals(id)).toList(),
				this.eventBridge);
	}

	boolean isEmpty() {
		return this.notifications.isEmpty() && !this.eventBridge;
	}

	/** The document GetBucketNotificationConfiguration returns. */
	String toXml() {
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		if (isEmpty()) {
			return xml.append("<NotificationConfiguration xmlns=\"").append(NAMESPACE).append("\"/>").toString();
		}
		xml.append("<NotificationConfiguration xmlns=\"").append(NAMESPACE).append("\">");
		for (Notification notification : this.notifications) {
			String element = notification.kind().element;
			String arnElement = notification.kind().arnElement;
			xml.append('<').append(element).append("><Id>").append(Xml.escape(notification.id())).append("</Id>");
			xml.append('<').append(arnElement).append('>').append(Xml.escape(notification.arn()));
			xml.append("</").append(arnElement).append('>');
			notification.events().forEach((event) -> xml.append("<Event>").append(event).append("</Event>"));
			if (notification.filtered()) {
				xml.append("<Filter><S3Key>");
				rule(xml, "Prefix", notification.prefix());
				rule(xml, "Suffix", notification.suffix());
				xml.append("</S3Key></Filter>");
			}
			xml.append("</").append(element).append('>');
		}
		if (this.eventBridge) {
			xml.append("<EventBridgeConfiguration/>");
		}
		return xml.append("</NotificationConfiguration>").toString();
	}

	private static void rule(StringBuilder xml, String name, String value) {
		if (!value.isEmpty()) {
			xml.append("<FilterRule><Name>").append(name).append("</Name><Value>").append(Xml.escape(value));
			xml.append("</Value></FilterRule>");
		}
	}

}
