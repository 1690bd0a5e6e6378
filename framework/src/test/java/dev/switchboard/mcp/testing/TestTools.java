package dev.switchboard.mcp.testing;

import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.server.McpServerBuilder;
import dev.switchboard.mcp.session.internal.SessionState;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tools that let tests observe the framework from outside: each call is keyed by a test-chosen
 * {@code key}, and {@link Probe}s record when a handler started, ended, or was interrupted.
 */
public final class TestTools {
  /** What happened to one keyed call. */
  public static final class Probe {
    public final CountDownLatch started = new CountDownLatch(1);
    public final CountDownLatch release = new CountDownLatch(1);
    public final CountDownLatch finished = new CountDownLatch(1);
    public volatile boolean interrupted;
    public volatile boolean completedNormally;
    public volatile boolean cancelActionRan;
    /** Counted down by the onCancel action, which runs just after the handler is interrupted. */
    public final CountDownLatch cancelAction = new CountDownLatch(1);
  }

  private final Map<String, Probe> probes = new ConcurrentHashMap<>();
  private final Map<String, CyclicBarrier> barriers = new ConcurrentHashMap<>();

  /** The probe of a key, created on first use. */
  public Probe probe(String key) {
    return probes.computeIfAbsent(key, k -> new Probe());
  }

  private static Tool tool(String name, String properties) {
    return Tool.builder(name).inputSchema("{\"type\":\"object\",\"properties\":" + properties + "}").build();
  }

  /** A server with the diagnostic tools. */
  public McpServerBuilder serverBuilder() {
    return McpServer.builder("test-server", "1.0.0")
        .tool(tool("echo", "{\"text\":{\"type\":\"string\"}}"),
            (args, ctx) -> CallToolResult.text(args.string("text")))
        .tool(tool("barrier_echo", "{\"text\":{\"type\":\"string\"},\"key\":{\"type\":\"string\"},"
            + "\"parties\":{\"type\":\"integer\"}}"), (args, ctx) -> {
          // Holds every call of a key until all of them are in flight at once.
          CyclicBarrier barrier = barriers.computeIfAbsent(args.string("key"),
              k -> new CyclicBarrier(args.json().path("parties").asInt()));
          barrier.await(10, TimeUnit.SECONDS);
          return CallToolResult.text(args.string("text"));
        })
        .tool(tool("resumable", "{\"key\":{\"type\":\"string\"},\"disconnect\":{\"type\":\"boolean\"}}"),
            (args, ctx) -> {
              // Sends progress, optionally drops its own connection, waits to be released, sends more.
              Probe probe = probe(args.string("key"));
              ctx.progress(1, 3.0, "before");
              if (args.json().path("disconnect").asBoolean(false) && !ctx.disconnect()) {
                throw new IllegalStateException("could not disconnect");
              }
              probe.started.countDown();
              try {
                probe.release.await(30, TimeUnit.SECONDS);
                ctx.progress(2, 3.0, "after");
                probe.completedNormally = true;
                return CallToolResult.text("finished " + args.string("key"));
              } finally {
                probe.finished.countDown();
              }
            })
        .tool(tool("thread", "{}"), (args, ctx) -> CallToolResult.text(Thread.currentThread().toString()))
        .tool(tool("whoami", "{}"), (args, ctx) -> CallToolResult.text(
            ctx.httpRequest().header("x-TENANT").orElse("no tenant") + " from " + ctx.httpRequest().remoteAddress()))
        .tool(tool("rejects", "{\"text\":{\"type\":\"string\"}}"), (args, ctx) -> {
          throw new IllegalArgumentException("not a good text: " + args.string("text"));
        })
        .tool(tool("progress", "{\"steps\":{\"type\":\"integer\"}}"), (args, ctx) -> {
          int steps = args.json().path("steps").asInt(3);
          for (int i = 1; i <= steps; i++) {
            ctx.progress(i, (double) steps, "step " + i);
          }
          return CallToolResult.text("done after " + steps + " steps");
        })
        .tool(tool("log", "{\"text\":{\"type\":\"string\"}}"), (args, ctx) -> {
          for (LoggingLevel level : LoggingLevel.values()) {
            ctx.log(level, "test", level.wireName() + ":" + args.string("text"));
          }
          return CallToolResult.text("logged");
        })
        .tool(tool("fail_after_stream", "{}"), (args, ctx) -> {
          ctx.log(LoggingLevel.INFO, null, "about to fail");
          throw new McpException(ErrorCodes.INVALID_PARAMS, "failed after the stream began");
        })
        .tool(tool("crash_after_stream", "{}"), (args, ctx) -> {
          ctx.log(LoggingLevel.INFO, null, "about to crash");
          throw new AssertionError("simulated framework-level failure");
        })
        .tool(tool("throws", "{\"text\":{\"type\":\"string\"}}"), (args, ctx) -> {
          throw new IllegalStateException("tool failed: " + args.string("text"));
        })
        .tool(tool("slow", "{\"key\":{\"type\":\"string\"},\"millis\":{\"type\":\"integer\"}}"), (args, ctx) -> {
          Probe probe = probe(args.string("key"));
          ctx.onCancel(() -> {
            probe.cancelActionRan = true;
            probe.cancelAction.countDown();
          });
          probe.started.countDown();
          try {
            long millis = args.json().path("millis").asLong(60_000);
            boolean released = probe.release.await(millis, TimeUnit.MILLISECONDS);
            probe.completedNormally = true;
            return CallToolResult.text(released ? "released " + args.string("key") : "waited " + args.string("key"));
          } catch (InterruptedException e) {
            probe.interrupted = true;
            throw e;
          } finally {
            probe.finished.countDown();
          }
        })
        .tool(tool("ask_client", "{\"method\":{\"type\":\"string\"},\"timeoutMillis\":{\"type\":\"integer\"}}"),
            (args, ctx) -> {
              ObjectNode params = JsonMapper.shared().createObjectNode();
              params.put("from", "ask_client");
              long timeout = args.json().path("timeoutMillis").asLong(10_000);
              JsonNode result = ctx.sendRequest(args.string("method"), params, Duration.ofMillis(timeout));
              return CallToolResult.text("client said " + result);
            })
        .tool(tool("notify_session", "{\"text\":{\"type\":\"string\"}}"), (args, ctx) -> {
          ObjectNode params = JsonMapper.shared().createObjectNode();
          params.put("level", "info");
          params.put("data", args.string("text"));
          // A test of the GET stream, written as the framework sends its own notifications.
          boolean delivered = ((SessionState) ctx.session().orElseThrow()).sendNotification("notifications/message", params);
          return CallToolResult.text(delivered ? "delivered" : "no stream");
        });
  }
}
