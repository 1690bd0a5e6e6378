package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.protocol.internal.JsonRpcRequest;
import dev.switchboard.mcp.server.HttpRequestInfo;
import dev.switchboard.mcp.session.internal.Caller;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A span per handler call ({@code tools/call echo}, kind SERVER), the child of the client's trace: its
 * {@code _meta.traceparent}, {@code tracestate} and {@code baggage} (SEP-414, 2026-07-28), else the
 * request's HTTP headers of those names. The only class that calls OpenTelemetry; made only for a server
 * given an {@link OpenTelemetry}, so that other servers pay nothing for tracing.
 */
final class OtelCallTracing implements CallTracing {
  private static final Logger LOG = LoggerFactory.getLogger(OtelCallTracing.class);
  private static final List<String> CONTEXT_KEYS = List.of("traceparent", "tracestate", "baggage");
  private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
    @Override
    public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };

  private final Tracer tracer;
  private final TextMapPropagator propagator;

  OtelCallTracing(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("dev.switchboard.mcp");
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  @Override
  public Traced start(JsonRpcRequest request, String name, HttpRequestInfo http, Caller caller) {
    try {
      return open(request, name, http, caller);
    } catch (RuntimeException e) {
      LOG.warn("could not start the trace of a call; it runs untraced", e);
      return Traced.NONE;
    }
  }

  private Traced open(JsonRpcRequest request, String name, HttpRequestInfo http, Caller caller) {
    String method = request.method();
    Context parent = propagator.extract(Context.root(), carrier(request, http), GETTER);
    var span = tracer.spanBuilder(method + " " + name).setParent(parent).setSpanKind(SpanKind.SERVER)
        .setAttribute("mcp.method.name", method)
        .setAttribute("mcp.protocol.version", caller.protocolVersion().wireName());
    switch (method) {
      case "tools/call" -> span.setAttribute("gen_ai.tool.name", name);
      case "prompts/get" -> span.setAttribute("gen_ai.prompt.name", name);
      case "resources/read" -> span.setAttribute("mcp.resource.uri", name);
      default -> { }
    }
    return new OtelTraced(span.startSpan());
  }

  /** The trace context the client sent: in the request's {@code _meta} if there, else in its HTTP headers. */
  private static Map<String, String> carrier(JsonRpcRequest request, HttpRequestInfo http) {
    Map<String, String> carrier = new HashMap<>(4);
    JsonNode params = request.params();
    JsonNode meta = params == null ? null : params.get("_meta");
    for (String key : CONTEXT_KEYS) {
      JsonNode value = meta == null ? null : meta.get(key);
      if (value != null && value.isString()) {
        carrier.put(key, value.stringValue());
      }
    }
    if (!carrier.containsKey("traceparent")) {
      carrier.clear();
      for (String key : CONTEXT_KEYS) {
        http.header(key).ifPresent(value -> carrier.put(key, value));
      }
    }
    return carrier;
  }

  private record OtelTraced(Span span) implements Traced {
    // A tracer's failure (a sampler, a processor, a strict context check) must not leave a call unanswered.
    @Override
    @SuppressWarnings("MustBeClosedChecker") // the caller closes what it returns, on the same thread
    public Entered enter() {
      Scope scope;
      try {
        scope = span.makeCurrent();
      } catch (RuntimeException e) {
        LOG.warn("could not make a call's span current", e);
        return () -> { };
      }
      return () -> {
        try {
          scope.close();
        } catch (RuntimeException e) {
          LOG.warn("could not close a call's span scope", e);
        }
      };
    }

    @Override
    public void end(CallObserver.Outcome outcome) {
      try {
        if (outcome != CallObserver.Outcome.OK && outcome != CallObserver.Outcome.INPUT_REQUIRED) {
          span.setStatus(StatusCode.ERROR);
          span.setAttribute("error.type", outcome.name().toLowerCase(Locale.ROOT));
        }
        span.end();
      } catch (RuntimeException e) {
        LOG.warn("could not end a call's span", e);
      }
    }
  }
}
