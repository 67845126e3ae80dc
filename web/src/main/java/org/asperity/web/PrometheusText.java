package org.asperity.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader of the Prometheus text exposition format (version 0.0.4): one sample per line, {@code
 * name{label="value",...} value [timestamp]}, comments and blank lines skipped. A line that does
 * not parse is skipped too: the page shows what it can and never fails on a scrape.
 */
final class PrometheusText {
  private PrometheusText() {}

  /** One sample: metric name, labels in order of appearance, value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  static List<Sample> parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      Sample s = parseLine(line.strip());
      if (s != null) {
        samples.add(s);
      }
    }
    return samples;
  }

  /** The sample on a line, or null for a comment, a blank or a malformed line. */
  static Sample parseLine(String line) {
    if (line.isEmpty() || line.charAt(0) == '#') {
      return null;
    }
    int i = 0;
    int n = line.length();
    while (i < n && isNameChar(line.charAt(i), i == 0)) {
      i++;
    }
    if (i == 0) {
      return null;
    }
    String name = line.substring(0, i);
    Map<String, String> labels = Collections.emptyMap();
    if (i < n && line.charAt(i) == '{') {
      labels = new LinkedHashMap<>();
      i = parseLabels(line, i + 1, labels);
      if (i < 0) {
        return null;
      }
    }
    String[] rest = line.substring(i).strip().split("\\s+");
    if (rest.length == 0 || rest[0].isEmpty()) {
      return null;
    }
    double value;
    try {
      value = parseValue(rest[0]);
    } catch (NumberFormatException e) {
      return null;
    }
    return new Sample(name, labels, value);
  }

  /**
   * Parses {@code a="x",b="y"}} from {@code i}; returns the index after '}', or -1 if malformed.
   */
  private static int parseLabels(String line, int i, Map<String, String> labels) {
    int n = line.length();
    while (true) {
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      if (i < n && line.charAt(i) == '}') {
        return i + 1;
      }
      int start = i;
      while (i < n && isNameChar(line.charAt(i), i == start)) {
        i++;
      }
      if (i == start || i + 1 >= n || line.charAt(i) != '=' || line.charAt(i + 1) != '"') {
        return -1;
      }
      String key = line.substring(start, i);
      i += 2;
      StringBuilder value = new StringBuilder();
      while (i < n && line.charAt(i) != '"') {
        char c = line.charAt(i);
        if (c == '\\' && i + 1 < n) {
          char e = line.charAt(++i);
          value.append(e == 'n' ? '\n' : e);
        } else {
          value.append(c);
        }
        i++;
      }
      if (i >= n) {
        return -1;
      }
      labels.put(key, value.toString());
      i++;
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      if (i < n && line.charAt(i) == ',') {
        i++;
      }
    }
  }

  private static boolean isNameChar(char c, boolean first) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c == '_'
        || c == ':'
        || !first && c >= '0' && c <= '9';
  }

  private static double parseValue(String s) {
    return switch (s) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }
}
