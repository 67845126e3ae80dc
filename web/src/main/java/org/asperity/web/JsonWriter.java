package org.asperity.web;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer for the page's API: objects, arrays, strings, numbers, booleans and
 * null, with commas placed automatically. Non-finite numbers become {@code null} (JSON has no NaN),
 * and strings are escaped so that the output never contains a raw line break, which keeps every
 * document on one server-sent-events {@code data:} line.
 */
final class JsonWriter {
  private final StringBuilder out;

  /** One entry per open container: whether the next element is its first. */
  private final Deque<boolean[]> first = new ArrayDeque<>();

  private boolean afterName;

  JsonWriter() {
    this(new StringBuilder(256));
  }

  JsonWriter(StringBuilder out) {
    this.out = out;
  }

  JsonWriter beginObject() {
    separate();
    out.append('{');
    first.push(new boolean[] {true});
    return this;
  }

  JsonWriter endObject() {
    first.pop();
    out.append('}');
    return this;
  }

  JsonWriter beginArray() {
    separate();
    out.append('[');
    first.push(new boolean[] {true});
    return this;
  }

  JsonWriter endArray() {
    first.pop();
    out.append(']');
    return this;
  }

  /** The name of the next member of the current object. */
  JsonWriter name(String name) {
    separate();
    appendString(name);
    out.append(':');
    afterName = true;
    return this;
  }

  JsonWriter value(String value) {
    separate();
    if (value == null) {
      out.append("null");
    } else {
      appendString(value);
    }
    return this;
  }

  JsonWriter value(long value) {
    separate();
    out.append(value);
    return this;
  }

  JsonWriter value(boolean value) {
    separate();
    out.append(value);
    return this;
  }

  /** A number, or null when not finite. */
  JsonWriter value(double value) {
    separate();
    appendNumber(value);
    return this;
  }

  /**
   * A number rounded to {@code fractionDigits} decimals (shorter documents), or null when not
   * finite.
   */
  JsonWriter value(double value, int fractionDigits) {
    separate();
    if (Double.isFinite(value)) {
      double scale = Math.pow(10, fractionDigits);
      double rounded = Math.round(value * scale) / scale;
      appendNumber(Math.abs(value * scale) < 9e15 ? rounded : value);
    } else {
      out.append("null");
    }
    return this;
  }

  JsonWriter nullValue() {
    separate();
    out.append("null");
    return this;
  }

  /** A value that is already a JSON document (e.g. a cached part). */
  JsonWriter raw(String json) {
    separate();
    out.append(json);
    return this;
  }

  JsonWriter member(String name, String value) {
    return name(name).value(value);
  }

  JsonWriter member(String name, long value) {
    return name(name).value(value);
  }

  JsonWriter member(String name, boolean value) {
    return name(name).value(value);
  }

  JsonWriter member(String name, double value, int fractionDigits) {
    return name(name).value(value, fractionDigits);
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void separate() {
    if (afterName) {
      afterName = false;
      return;
    }
    boolean[] top = first.peek();
    if (top != null) {
      if (!top[0]) {
        out.append(',');
      }
      top[0] = false;
    }
  }

  private void appendNumber(double value) {
    if (!Double.isFinite(value)) {
      out.append("null");
    } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      out.append((long) value);
    } else {
      out.append(value);
    }
  }

  private void appendString(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          // Control characters, and U+2028/2029 which some JavaScript parsers treat as line ends.
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
