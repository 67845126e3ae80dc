package org.asperity.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The page's JSON, through Jackson's tree model. Numbers are rounded to the decimals the page shows
 * (shorter documents), integral ones are written without a fraction, and non-finite ones become
 * null (JSON has no NaN). Every document is one line: Jackson escapes line breaks, and U+2028/2029
 * are escaped too, as some JavaScript parsers end lines there; one line fits one server-sent-events
 * {@code data:} field.
 */
final class PageJson {
  private PageJson() {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    MAPPER.getFactory().setCharacterEscapes(new LineSeparatorEscapes());
  }

  /** Integral doubles below this are written as integers, as JavaScript reads them exactly. */
  private static final double LARGEST_INTEGRAL = 1e15;

  /** Beyond this scaled magnitude rounding would lose digits: the value is written as it is. */
  private static final double LARGEST_ROUNDED = 9e15;

  static ObjectNode object() {
    return NODES.objectNode();
  }

  /** {@code value} rounded to {@code fractionDigits} decimals, or null when not finite. */
  static JsonNode number(double value, int fractionDigits) {
    if (!Double.isFinite(value)) {
      return NODES.nullNode();
    }
    double scale = Math.pow(10, fractionDigits);
    double rounded = Math.round(value * scale) / scale;
    return number(Math.abs(value * scale) < LARGEST_ROUNDED ? rounded : value);
  }

  /** {@code value} as it is (an integer when integral), or null when not finite. */
  static JsonNode number(double value) {
    if (!Double.isFinite(value)) {
      return NODES.nullNode();
    }
    if (value == Math.rint(value) && Math.abs(value) < LARGEST_INTEGRAL) {
      return NODES.numberNode((long) value);
    }
    return NODES.numberNode(value);
  }

  /** The document as one line of JSON. */
  static String write(JsonNode document) {
    try {
      return MAPPER.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always writes", e);
    }
  }

  /** Jackson's standard escapes, plus U+2028 and U+2029. */
  private static final class LineSeparatorEscapes extends CharacterEscapes {
    private static final int[] ASCII = standardAsciiEscapesForJSON();
    private static final SerializedString LINE_SEPARATOR = new SerializedString("\\u2028");
    private static final SerializedString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");

    @Override
    public int[] getEscapeCodesForAscii() {
      return ASCII;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return switch (ch) {
        case '\u2028' -> LINE_SEPARATOR;
        case '\u2029' -> PARAGRAPH_SEPARATOR;
        default -> null;
      };
    }
  }
}
