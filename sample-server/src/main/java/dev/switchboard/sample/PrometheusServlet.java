package dev.switchboard.sample;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The registry's meters in Prometheus' text format, for the launcher's admin port. */
final class PrometheusServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private final transient PrometheusMeterRegistry registry;

  PrometheusServlet(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setContentType("text/plain; version=0.0.4; charset=utf-8");
    response.getWriter().write(registry.scrape());
  }
}
