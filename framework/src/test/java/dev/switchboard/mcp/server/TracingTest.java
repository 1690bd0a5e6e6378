package dev.switchboard.mcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.StatelessClient;
import dev.switchboard.mcp.testing.TestServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Spans of handler calls, continuing the client's trace from _meta or HTTP headers, over real HTTP. */
class TracingTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT = "00f067aa0ba902b7";
  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
      .build();
  /** The trace each call of the "traced" tool ran in, by its text: the handler sees its call's span as current. */
  private final Map<String, String> seenByHandler = new ConcurrentHashMap<>();

  private TestServer start() {
    return TestServer.start(builder -> builder.openTelemetry(openTelemetry)
            .tool(Tool.builder("traced").inputSchema("{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}")
                .build(), (args, context) -> {
                  seenByHandler.put(args.string("text"), Span.current().getSpanContext().getTraceId());
                  return CallToolResult.text("ok");
                }),
        servlet -> servlet);
  }

  private SpanData only(String name) {
    List<SpanData> spans = exported.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).toList();
    assertEquals(1, spans.size(), exported.getFinishedSpanItems().toString());
    return spans.get(0);
  }

  @Test
  void aSessionCallContinuesTheTraceOfItsHttpHeaders() throws Exception {
    try (TestServer server = start()) {
      McpClient client = new McpClient(server.uri());
      String session = client.openSession();
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri())
          .header("Content-Type", "application/json").header("Accept", McpClient.ACCEPT)
          .header("Mcp-Session-Id", session).header("traceparent", "00-" + TRACE + "-" + PARENT + "-01")
          .POST(HttpRequest.BodyPublishers.ofString(McpClient.callBody(1, "traced", "{\"text\":\"legacy\"}"))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      SpanData span = only("tools/call traced");
      assertEquals(TRACE, span.getTraceId());
      assertEquals(PARENT, span.getParentSpanId());
      assertEquals(SpanKind.SERVER, span.getKind());
      assertEquals("traced", span.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name")));
      assertEquals("tools/call", span.getAttributes().get(AttributeKey.stringKey("mcp.method.name")));
      assertEquals("2025-11-25", span.getAttributes().get(AttributeKey.stringKey("mcp.protocol.version")));
      assertEquals(TRACE, seenByHandler.get("legacy"), "the handler runs inside the call's span");

      client.call(session, 2, "throws", "{\"text\":\"x\"}");
      SpanData failed = only("tools/call throws");
      assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
      assertEquals("tool_error", failed.getAttributes().get(AttributeKey.stringKey("error.type")));
      assertTrue(!failed.getTraceId().equals(TRACE), "without a traceparent, a trace of its own");
    }
  }

  @Test
  void aStatelessCallContinuesTheTraceOfItsMeta() throws Exception {
    try (TestServer server = start()) {
      StatelessClient client = new StatelessClient(server.uri());
      var meta = client.meta().put("traceparent", "00-" + TRACE + "-" + PARENT + "-01");
      String params = "{\"name\":\"traced\",\"arguments\":{\"text\":\"modern\"},\"_meta\":" + meta + "}";
      HttpResponse<String> response = client.send(client.body(1, "tools/call", params),
          Map.of("traceparent", "00-" + "1".repeat(32) + "-" + "2".repeat(16) + "-01"));
      assertEquals(200, response.statusCode(), response.body());
      SpanData span = only("tools/call traced");
      assertEquals(TRACE, span.getTraceId(), "_meta wins over the HTTP header");
      assertEquals(PARENT, span.getParentSpanId());
      assertEquals("2026-07-28", span.getAttributes().get(AttributeKey.stringKey("mcp.protocol.version")));
      assertEquals(TRACE, seenByHandler.get("modern"));
    }
  }
}
