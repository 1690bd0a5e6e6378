package dev.switchboard.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The launcher's operator options: Prometheus metrics on an admin port, and a fleet's Redis. */
class SampleServerFleetTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void metricsAreServedInPrometheusFormatOnTheirOwnPort() throws Exception {
    try (SampleProcess server = SampleProcess.fromClassPath("--port", "0", "--metrics-port", "0")) {
      URI mcp = server.awaitUrl();
      String line = server.nextLine();
      while (!line.startsWith("Prometheus metrics at ")) {
        line = server.nextLine();
      }
      URI metrics = URI.create(line.substring("Prometheus metrics at ".length()).trim());
      HttpResponse<String> initialize = HTTP.send(HttpRequest.newBuilder(mcp)
          .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
          .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
              + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, initialize.statusCode(), initialize.body());
      HttpResponse<String> scraped = HTTP.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, scraped.statusCode());
      assertTrue(scraped.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
      assertTrue(scraped.body().contains("mcp_sessions_opened_total 1.0"), scraped.body());
      assertTrue(scraped.body().contains("mcp_sessions_open 1.0"), scraped.body());
    }
  }

  @Test
  void aFleetInstanceWithoutItsRedisRefusesToStartAndSaysWhy() throws Exception {
    try (SampleProcess server = SampleProcess.fromClassPath("--port", "0", "--redis", "redis://127.0.0.1:1",
        "--instance-id", "node-a")) {
      SampleProcess.Exit exit = server.awaitExit();
      assertEquals(1, exit.status(), exit.output());
      assertTrue(exit.output().contains("cannot reach the fleet's Redis at 127.0.0.1:1"), exit.output());
    }
  }
}
