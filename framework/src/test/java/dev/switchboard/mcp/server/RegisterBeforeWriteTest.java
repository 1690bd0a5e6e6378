package dev.switchboard.mcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Scheduler;
import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.TextContent;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.protocol.internal.JsonRpcMessage;
import dev.switchboard.mcp.protocol.internal.JsonRpcRequest;
import dev.switchboard.mcp.protocol.internal.JsonRpcResponse;
import dev.switchboard.mcp.server.internal.OutboundChannel;
import dev.switchboard.mcp.server.internal.ServerCore;
import dev.switchboard.mcp.session.SessionClosedException;
import dev.switchboard.mcp.session.internal.SessionState;
import dev.switchboard.mcp.session.internal.SessionStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

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
  private final ServerCore core = ServerCore.of(server);
  private final SessionStore store = SessionStore.builder().scheduler(Scheduler.disabledScheduler()).build();
  private final SessionState session =
      store.create(ProtocolVersion.LATEST_WITH_SESSIONS, Implementation.of("c", "1"), ClientCapabilities.none());

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
        JsonMapper.shared().readTree("{\"name\":\"ask\"}"));
  }

  @Test
  void anAnswerThatArrivesDuringTheWriteIsNotLost() throws Exception {
    RecordingChannel channel = new RecordingChannel((self, request) -> core.handle(
        JsonRpcResponse.success(request.id(), JsonMapper.shared().readTree("{\"fast\":true}")),
        session, self));
    core.handle(call(), session, channel);
    JsonRpcResponse answer = channel.answer.get(10, TimeUnit.SECONDS);
    CallToolResult result = (CallToolResult) answer.result();
    assertEquals("got {\"fast\":true}", ((TextContent) result.content().get(0)).text());
    assertEquals(0, session.pendingRequests().size());
  }

  @Test
  void aSecondAnswerToTheSameRequestIsIgnored() throws Exception {
    AtomicReference<RequestId> sent = new AtomicReference<>();
    List<Boolean> completions = new CopyOnWriteArrayList<>();
    // The callback runs inside the handler, where a failed assertion would only become an error reply:
    // it records, and the test asserts once the call is over.
    RecordingChannel channel = new RecordingChannel((self, request) -> {
      sent.set(request.id());
      JsonRpcResponse reply = JsonRpcResponse.success(request.id(), JsonMapper.shared().readTree("1"));
      completions.add(session.pendingRequests().complete(reply));
      completions.add(session.pendingRequests().complete(reply));
    });
    core.handle(call(), session, channel);
    JsonRpcResponse answer = channel.answer.get(10, TimeUnit.SECONDS);
    assertEquals(RequestId.of(1), sent.get());
    assertEquals(List.of(true, false), completions, "the first answer completes the request, the second finds nothing");
    assertEquals("got 1", ((TextContent) ((CallToolResult) answer.result()).content().get(0)).text());
  }

  @Test
  void theEndOfTheSessionFailsAPendingRequest() throws Exception {
    RecordingChannel channel = new RecordingChannel((self, request) -> { });
    core.handle(call(), session, channel);
    assertTrue(channel.requestWritten.await(10, TimeUnit.SECONDS));
    assertEquals(1, session.pendingRequests().size());
    store.delete(session.id());
    Throwable failure = handlerFailure.get(10, TimeUnit.SECONDS);
    assertTrue(failure instanceof SessionClosedException || failure instanceof InterruptedException,
        "the waiting handler is released: " + failure);
    assertEquals(0, session.pendingRequests().size());
  }
}
