package org.asperity.bridge;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.asperity.schemas.cap.CapSchema;

/**
 * The head of a CAP 1.2 message that subscribers filter on without parsing XML: its {@code
 * identifier}, {@code msgType} and {@code status}.
 */
public record CapMessage(String identifier, String msgType, String status) {
  private static final Set<String> HEAD = Set.of("identifier", "msgType", "status");
  private static final XMLInputFactory XML = secureFactory();

  /**
   * The head of {@code xml}, a message that {@link CapSchema#violation} accepted (so the three
   * elements are there, once each, as children of {@code alert}).
   */
  public static CapMessage of(String xml) {
    Map<String, String> head = new HashMap<>();
    try {
      XMLStreamReader r = XML.createXMLStreamReader(new StringReader(xml));
      int depth = 0;
      while (r.hasNext() && head.size() < HEAD.size()) {
        int event = r.next();
        if (event == XMLStreamReader.START_ELEMENT) {
          depth++;
          String name = r.getLocalName();
          if (depth == 2
              && CapSchema.NAMESPACE.equals(r.getNamespaceURI())
              && HEAD.contains(name)) {
            head.put(name, r.getElementText().strip());
            depth--;
          }
        } else if (event == XMLStreamReader.END_ELEMENT) {
          depth--;
        }
      }
      r.close();
    } catch (XMLStreamException e) {
      throw new IllegalArgumentException("unreadable CAP message: " + e.getMessage(), e);
    }
    if (head.size() < HEAD.size()) {
      throw new IllegalArgumentException("a CAP message without identifier, msgType or status");
    }
    return new CapMessage(head.get("identifier"), head.get("msgType"), head.get("status"));
  }

  private static XMLInputFactory secureFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    // Alerts come from the network: no DTD, no external entities.
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    return factory;
  }
}
