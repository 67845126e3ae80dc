package org.asperity.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writing whole responses: a body with its length, or none for HEAD and 304. */
final class HttpResponses {
  private HttpResponses() {}

  static void text(HttpExchange exchange, int status, String message) throws IOException {
    send(
        exchange,
        status,
        "text/plain; charset=utf-8",
        (message + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static void json(HttpExchange exchange, String json) throws IOException {
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    send(exchange, 200, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends {@code body}, or only the headers (with its length) when the request is HEAD. */
  static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (isHead(exchange)) {
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** A response without a body (304 Not Modified, 405 Method Not Allowed...). */
  static void empty(HttpExchange exchange, int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  static boolean isHead(HttpExchange exchange) {
    return "HEAD".equals(exchange.getRequestMethod());
  }
}
