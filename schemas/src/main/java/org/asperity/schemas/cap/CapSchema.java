package org.asperity.schemas.cap;

import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The OASIS CAP 1.2 XML schema, and validation of a CAP message against it. The schema is read once
 * from the class path; no DTD or schema is ever fetched from the network.
 */
public final class CapSchema {
  private CapSchema() {}

  /** The CAP 1.2 namespace. */
  public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";

  /** Where the schema lives on the class path (also served to consumers). */
  public static final String RESOURCE = "/org/asperity/schemas/cap/CAP-v1.2.xsd";

  private static final Schema SCHEMA = load();

  /**
   * Why {@code xml} is not a valid CAP 1.2 message (the first violation, with line and column), or
   * empty when it is.
   */
  public static Optional<String> violation(String xml) {
    if (xml == null || xml.isEmpty()) {
      return Optional.of("empty document");
    }
    // A Validator is not thread-safe; the Schema is.
    Validator validator = SCHEMA.newValidator();
    try {
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      validator.validate(new StreamSource(new StringReader(xml)));
      return Optional.empty();
    } catch (SAXParseException e) {
      return Optional.of(
          "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage());
    } catch (SAXException | IOException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  /**
   * Throws when {@code xml} is not a valid CAP 1.2 message.
   *
   * @throws IllegalArgumentException naming the first violation
   */
  public static void validate(String xml) {
    violation(xml)
        .ifPresent(
            why -> {
              throw new IllegalArgumentException("not a valid CAP 1.2 message: " + why);
            });
  }

  private static Schema load() {
    URL xsd = CapSchema.class.getResource(RESOURCE);
    if (xsd == null) {
      throw new IllegalStateException("the CAP 1.2 schema is missing from the class path");
    }
    try {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      return factory.newSchema(xsd);
    } catch (SAXException e) {
      throw new IllegalStateException("the CAP 1.2 schema does not load", e);
    }
  }
}
