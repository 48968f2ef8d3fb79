package dev.bucketwarden.local.s3events;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The little XML the relay reads and writes, with the JDK's parser. */
final class Xml {

	private Xml() {
	}

	/**
	 * The document's root element; no DTDs or external entities.
	 * @throws S3ErrorException MalformedXML when the bytes are not XML
	 */
	static Element parse(byte[] xml) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setExpandEntityReferences(false);
			return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
		}
		catch (Exception ex) {
			throw S3ErrorException.malformedXml();
		}
	}

	/** The element's child elements of this (local) name, in order. */
	static List<Element> children(Element parent, String name) {
		List<Element> children = new ArrayList<>();
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && name.equals(localName(element))) {
				children.add(element);
			}
		}
		return children;
	}

	/** The text of the only child element of this name, or null without one. */
	static String text(Element parent, String name) {
		List<Element> children = children(parent, name);
		if (children.size() > 1) {
			throw S3ErrorException.malformedXml();
		}
		return children.isEmpty() ? null : children.get(0).getTextContent().strip();
	}

	static String localName(Element element) {
		return (element.getLocalName() != null) ? element.getLocalName() : element.getTagName();
	}

	static String escape(String text) {
		return text.replace("&", "&amp;")
			.replace("<", "&lt;")
			.replace(">", "&gt;")
			.replace("\"", "&quot;")
			.replace("'", "&apos;");
	}

}
