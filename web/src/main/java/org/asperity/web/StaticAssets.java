package org.asperity.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The page's files, served from the class path (inside the jar: nothing from the network). A path
 * maps to a resource under {@code /web/} only if every segment is a plain file name (letters,
 * digits, {@code . _ -}, not starting with a dot), so nothing outside that folder can be named.
 * Files are read once and kept with a content hash as their ETag.
 */
final class StaticAssets {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "json", "application/json; charset=utf-8",
          "txt", "text/plain; charset=utf-8");

  /** A file: its bytes, content type and strong ETag. */
  record Asset(byte[] body, String contentType, String etag) {}

  private final String root;
  private final Map<String, Asset> cache = new ConcurrentHashMap<>();

  /**
   * @param root class-path folder, e.g. {@code /web/}
   */
  StaticAssets(String root) {
    this.root = root.endsWith("/") ? root : root + "/";
  }

  /** The asset a request path names ({@code /} is {@code index.html}), if it exists. */
  Optional<Asset> find(String path) {
    String name = path.equals("/") ? "index.html" : path.startsWith("/") ? path.substring(1) : path;
    String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    if (!isPlainPath(name) || !TYPES.containsKey(extension)) {
      return Optional.empty();
    }
    Asset cached = cache.get(name);
    if (cached != null) {
      return Optional.of(cached);
    }
    try (InputStream in = StaticAssets.class.getResourceAsStream(root + name)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] body = in.readAllBytes();
      Asset asset = new Asset(body, TYPES.get(extension), etag(body));
      cache.put(name, asset);
      return Optional.of(asset);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the page's file " + name, e);
    }
  }

  private static boolean isPlainPath(String name) {
    if (name.isEmpty() || name.endsWith("/")) {
      return false;
    }
    for (String segment : name.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        return false;
      }
    }
    return true;
  }

  /** A strong ETag: the start of the content's SHA-256. */
  static String etag(byte[] body) {
    return "\"" + sha256(body).substring(0, 20) + "\"";
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
