package org.asperity.app;

import java.net.URI;
import org.asperity.web.WebServer;
import picocli.CommandLine.Option;

/** Where the live web page listens and where it reads the job's metrics. */
public final class WebOptions {

  @Option(
      names = "--web-port",
      defaultValue = "8080",
      paramLabel = "PORT",
      description = "Port of the live web page; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--web-bind",
      defaultValue = WebServer.DEFAULT_BIND_ADDRESS,
      paramLabel = "ADDRESS",
      description =
          "Address the page listens on; the default lets only this machine open it, 0.0.0.0 opens it to the"
              + " network (read-only) (default: ${DEFAULT-VALUE}).")
  String bindAddress;

  @Option(
      names = "--max-page-clients",
      defaultValue = "" + WebServer.DEFAULT_MAX_PAGE_CLIENTS,
      paramLabel = "N",
      description =
          "Live pages served at once; one more is answered 503, and a page that stops reading is"
              + " dropped (default: ${DEFAULT-VALUE}).")
  int maxPageClients;

  @Option(
      names = "--metrics-url",
      paramLabel = "URL",
      description =
          "The job's Prometheus endpoint, for the latency numbers on the page (default: the demo's job,"
              + " http://127.0.0.1:<--metrics-port>/metrics; for 'web', http://127.0.0.1:9250/metrics).")
  URI metricsUrl;

  /**
   * The given --metrics-url, or the endpoint of a job serving its metrics on this machine's {@code
   * port}.
   */
  URI metricsUrlOr(int port) {
    return metricsUrl != null ? metricsUrl : URI.create("http://127.0.0.1:" + port + "/metrics");
  }
}
