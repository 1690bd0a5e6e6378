package dev.switchboard.mcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Scheduler;
import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.JsonRpcCodec;
import dev.switchboard.mcp.protocol.JsonRpcMessage;
import dev.switchboard.mcp.protocol.JsonRpcRequest;
import dev.switchboard.mcp.protocol.JsonRpcResponse;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.TextContent;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.session.McpSession;
import dev.switchboard.mcp.session.OutboundChannel;
import dev.switchboard.mcp.session.SessionClosedException;
import dev.switchboard.mcp.session.SessionStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Server-to-client requests without HTTP: a client that answers inside the very write of the request
 * must find its future waiting.
 */
class RegisterBeforeWriteTest {
  private final CompletableFuture<Throwable> handlerFailure = new CompletableFuture<>();
  private final McpServer server = McpServer.builder("t", "1")
      .tool(Tool.builder("ask").build(), (args, ctx) -> {
        try {
          return CallToolResult.text("got " + ctx.sendRequest("ping", null, Duration.ofSeconds(5)));
        } catch (RuntimeException | InterruptedException e) {
          handlerFailure.complete(e);
          throw e;
        }
      })
      .build();
  private final SessionStore store = SessionStore.builder().scheduler(Scheduler.disabledScheduler()).build();
  private final McpSession session =
      store.create(ProtocolVersion.LATEST, Implementation.of("c", "1"), ClientCapabilities.none());

  /** A channel that hands every message to a callback on the writing thread. */
  private static final class RecordingChannel implements OutboundChannel {
    final CompletableFuture<JsonRpcResponse> answer = new CompletableFuture<>();
    final CountDownLatch requestWritten = new CountDownLatch(1);
    final BiConsumer<RecordingChannel, JsonRpcRequest> onRequest;

    RecordingChannel(BiConsumer<RecordingChannel, JsonRpcRequest> onRequest) {
      this.onRequest = onRequest;
    }

    @Override
    public boolean send(JsonRpcMessage message) {
      if (message instanceof JsonRpcRequest request) {
        onRequest.accept(this, request);
        requestWritten.countDown();
      } else if (message instanceof JsonRpcResponse response) {
        answer.complete(response);
      }
      return true;
    }

    @Override
    public boolean isOpen() {
      return !answer.isDone();
    }

    @Override
    public void close() {}
  }

  private static JsonRpcRequest call() {
    return new JsonRpcRequest(RequestId.of(1), "tools/call",
        JsonRpcCodec.standard().mapper().readTree("{\"name\":\"ask\"}"));
  }

  @Test
  void anAnswerThatArrivesDuringTheWriteIsNotLost() throws Exception {
    RecordingChannel channel = new RecordingChannel((self, request) -> server.handle(
        JsonRpcResponse.success(request.id(), JsonRpcCodec.standard().mapper().readTree("{\"fast\":true}")),
        session, self));
    server.handle(call(), session, channel);
    JsonRpcResponse answer = channel.answer.get(10, TimeUnit.SECONDS);
    CallToolResult result = (CallToolResult) answer.result();
    assertEquals("got {\"fast\":true}", ((TextContent) result.content().get(0)).text());
    assertEquals(0, session.pendingRequests().size());
  }

  @Test
  void aSecondAnswerToTheSameRequestIsIgnored() throws Exception {
    AtomicReference<RequestId> sent = new AtomicReference<>();
    RecordingChannel channel = new RecordingChannel((self, request) -> {
      sent.set(request.id());
      JsonRpcResponse reply = JsonRpcResponse.success(request.id(), JsonRpcCodec.standard().mapper().readTree("1"));
      assertTrue(session.pendingRequests().complete(reply));
      assertTrue(!session.pendingRequests().complete(reply), "completed exactly once");
    });
    server.handle(call(), session, channel);
    channel.answer.get(10, TimeUnit.SECONDS);
    assertEquals(RequestId.of(1), sent.get());
  }

  @Test
  void theEndOfTheSessionFailsAPendingRequest() throws Exception {
    RecordingChannel channel = new RecordingChannel((self, request) -> { });
    server.handle(call(), session, channel);
    assertTrue(channel.requestWritten.await(10, TimeUnit.SECONDS));
    assertEquals(1, session.pendingRequests().size());
    store.delete(session.id());
    Throwable failure = handlerFailure.get(10, TimeUnit.SECONDS);
    assertTrue(failure instanceof SessionClosedException || failure instanceof InterruptedException,
        "the waiting handler is released: " + failure);
    assertEquals(0, session.pendingRequests().size());
  }
}
