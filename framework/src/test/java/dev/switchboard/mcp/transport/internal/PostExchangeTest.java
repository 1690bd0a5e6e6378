package dev.switchboard.mcp.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Scheduler;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.protocol.internal.JsonRpcError;
import dev.switchboard.mcp.protocol.internal.JsonRpcNotification;
import dev.switchboard.mcp.protocol.internal.JsonRpcResponse;
import dev.switchboard.mcp.session.internal.SessionState;
import dev.switchboard.mcp.session.internal.SessionStore;
import dev.switchboard.mcp.testing.FakeTime;
import dev.switchboard.mcp.transport.ClientLimits;
import dev.switchboard.mcp.transport.internal.PostExchange.State;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every transition of a POST's exchange, driven by hand against a fake servlet response and output:
 * what is written, when the response goes async, and that nothing touches the status once committed.
 */
class PostExchangeTest {
  private static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final FakeTime time = new FakeTime();
  private final JsonRpcCodec codec = JsonRpcCodec.create();
  private final SessionStore store = SessionStore.builder().scheduler(Scheduler.disabledScheduler()).build();
  private final FakeServletExchange http = new FakeServletExchange();

  private PostExchange exchange(ProtocolVersion version, int requests, int logEvents) {
    SessionState session = store.create(version, Implementation.of("c", "1"), ClientCapabilities.none());
    TransportSettings settings = new TransportSettings(4096, 64 * 1024, HEARTBEAT, true, null, null, logEvents,
        1024 * 1024, Duration.ofSeconds(1), null, ClientLimits.defaults(), null, new ByteBudget(ByteBudget.DEFAULT_BYTES),
        new ByteBudget(ByteBudget.DEFAULT_BYTES), null, null);
    return new PostExchange(http.request, http.response, session, codec, settings,
        new Timers(time, new SlowCalls(time, HEARTBEAT)), new OpenConnections(), false, requests);
  }

  private PostExchange exchange() {
    return exchange(ProtocolVersion.V2025_11_25, 1, 512);
  }

  private static JsonRpcResponse answer(long id, String text) {
    return JsonRpcResponse.success(RequestId.of(id), Map.of("text", text));
  }

  private static JsonRpcNotification progress() {
    return new JsonRpcNotification("notifications/progress", null);
  }

  @Test
  void anAnswerInBeforeDispatchEndsIsJsonWithoutGoingAsync() {
    PostExchange exchange = exchange();
    assertTrue(exchange.send(answer(1, "fast")));
    exchange.finishDispatch();
    assertEquals(State.ANSWERED, exchange.state());
    assertFalse(http.asyncStarted, "a quick answer never goes async");
    assertEquals("application/json", http.contentType);
    assertEquals(List.of(200), http.statuses);
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"text\":\"fast\"}}", http.output.text());
    assertFalse(exchange.send(answer(1, "again")), "an answered exchange takes nothing more");
  }

  @Test
  void anAnswerAfterDispatchIsJsonOnTheAsyncResponse() {
    PostExchange exchange = exchange();
    exchange.finishDispatch();
    assertEquals(State.WAITING, exchange.state());
    assertTrue(http.asyncStarted);
    assertTrue(http.statuses.isEmpty(), "nothing is decided while waiting");
    exchange.send(answer(1, "later"));
    assertEquals(State.ANSWERED, exchange.state());
    assertEquals("application/json", http.contentType);
    assertTrue(http.completed, "the async response is completed");
    assertTrue(http.output.text().contains("\"later\""));
  }

  @Test
  void aNotificationBeforeTheAnswerSwitchesToSseWithEverythingInOrder() {
    PostExchange exchange = exchange();
    exchange.finishDispatch();
    exchange.send(progress());
    assertEquals(State.STREAMING, exchange.state());
    assertEquals("text/event-stream", http.contentType);
    assertEquals("no-cache", http.headers.get("Cache-Control"));
    assertEquals("no", http.headers.get("X-Accel-Buffering"));
    exchange.send(answer(1, "done"));
    assertEquals(State.ENDED, exchange.state());
    String sse = http.output.text();
    assertTrue(sse.startsWith("id: 1-1\nretry: 1000\ndata:\n\n"), "a priming event first (2025-11-25): " + sse);
    assertTrue(sse.indexOf("notifications/progress") < sse.indexOf("\"done\""), sse);
    assertTrue(http.completed, "the stream closes after the last answer");
    assertEquals(List.of(200), http.statuses, "the status is set once, before the first byte");
  }

  @Test
  void aNotificationDuringDispatchStreamsWhenDispatchEnds() {
    PostExchange exchange = exchange();
    exchange.send(progress());
    exchange.send(answer(1, "quick but chatty"));
    assertEquals(State.DISPATCHING, exchange.state());
    exchange.finishDispatch();
    assertEquals(State.ENDED, exchange.state());
    assertTrue(http.output.text().contains("notifications/progress"));
    assertTrue(http.output.text().contains("quick but chatty"));
  }

  @Test
  void aCallThatOutlastsTheHeartbeatSwitchesToSseAndGetsHeartbeats() {
    PostExchange exchange = exchange();
    exchange.finishDispatch();
    exchange.upgradeIfSlow();
    assertEquals(State.STREAMING, exchange.state());
    time.advance(HEARTBEAT);
    assertTrue(http.output.text().endsWith(":\n\n"), "a heartbeat comment keeps the stream alive");
    exchange.send(answer(1, "slow"));
    assertEquals(State.ENDED, exchange.state());
  }

  @Test
  void anErrorAfterTheStreamBeganTravelsAsAnEventAndTheStatusIsNeverTouchedAgain() {
    PostExchange exchange = exchange();
    exchange.finishDispatch();
    exchange.send(progress());
    exchange.send(JsonRpcResponse.failure(RequestId.of(1), JsonRpcError.of(-32603, "Internal error")));
    assertEquals(State.ENDED, exchange.state());
    assertTrue(http.output.text().contains("data: {\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32603"),
        http.output.text());
    assertEquals(List.of(200), http.statuses);
  }

  @Test
  void aPostWhoseRequestsWereAllCancelledEndsAsAnEmptyStream() {
    PostExchange exchange = exchange();
    exchange.finishDispatch();
    exchange.abandon(RequestId.of(1));
    assertEquals(State.ENDED, exchange.state());
    assertEquals("text/event-stream", http.contentType);
    assertFalse(http.output.text().contains("data: {"), "no answer is sent for a cancelled request");
    assertTrue(http.completed);
  }

  @Test
  void aClientGoneBeforeAnyStreamDropsTheLaterAnswer() {
    PostExchange exchange = exchange();
    exchange.finishDispatch();
    http.clientGone();
    assertEquals(State.GONE, exchange.state());
    assertFalse(exchange.send(answer(1, "too late")), "nothing can be resumed, so the answer is dropped");
    assertTrue(http.statuses.isEmpty());
  }

  @Test
  void aSessionThatEndsWhileWaitingClosesThePostWithAnEmptyStream() {
    PostExchange exchange = exchange();
    exchange.finishDispatch();
    exchange.close();
    assertEquals(State.ENDED, exchange.state());
    assertTrue(http.completed);
    assertFalse(exchange.isOpen());
  }

  @Test
  void aSessionThatEndsWhileStreamingEndsTheStream() {
    PostExchange exchange = exchange();
    exchange.finishDispatch();
    exchange.send(progress());
    exchange.close();
    assertEquals(State.ENDED, exchange.state());
    assertTrue(http.completed);
  }

  @Test
  void aDisconnectAskedDuringDispatchStartsTheStreamThenClosesTheConnection() {
    PostExchange exchange = exchange();
    assertTrue(exchange.disconnect());
    exchange.finishDispatch();
    assertEquals(State.STREAMING, exchange.state(), "the stream goes on without its connection");
    assertTrue(http.output.text().endsWith("retry: 1000\n\n"), "the client is told when to come back");
    assertTrue(http.completed, "the connection is closed");
    assertTrue(exchange.send(answer(1, "logged")), "what follows is kept for the client's resumption");
  }

  @Test
  void olderRevisionsCannotBeMadeToPoll() {
    PostExchange exchange = exchange(ProtocolVersion.V2025_06_18, 1, 512);
    assertFalse(exchange.disconnect());
    exchange.finishDispatch();
    exchange.send(progress());
    assertFalse(http.output.text().contains("retry:"), "no priming event before 2025-11-25");
  }

  @Test
  void aSlowReaderBeyondTheQueuedBytesLimitLosesTheConnectionNotTheStream() throws Exception {
    PostExchange exchange = exchange(ProtocolVersion.V2025_11_25, 1, 512);
    exchange.finishDispatch();
    http.output.stall();
    exchange.send(progress());
    JsonNodeText big = new JsonNodeText(40 * 1024);
    exchange.send(new JsonRpcNotification("notifications/message", big.node()));
    assertFalse(http.completed, "40 KiB queued is within the 64 KiB limit");
    exchange.send(new JsonRpcNotification("notifications/message", big.node()));
    assertTrue(http.completed, "past the limit the connection is given up");
    assertEquals(State.STREAMING, exchange.state(), "the stream itself goes on, resumable from its log");
    assertTrue(exchange.send(answer(1, "kept")), "logged for the client to fetch when it resumes");
    assertEquals(State.ENDED, exchange.state());
  }

  @Test
  void withoutResumptionASlowReaderLosesWhatFollows() throws Exception {
    PostExchange exchange = exchange(ProtocolVersion.V2025_11_25, 1, 0);
    exchange.finishDispatch();
    http.output.stall();
    JsonNodeText big = new JsonNodeText(40 * 1024);
    exchange.send(new JsonRpcNotification("notifications/message", big.node()));
    exchange.send(new JsonRpcNotification("notifications/message", big.node()));
    assertTrue(http.completed);
    assertFalse(exchange.send(progress()), "with no log, a message for a dead connection is reported lost");
  }

  /** A notification payload of a given size. */
  private record JsonNodeText(int size) {
    ObjectNode node() {
      return JsonNodeFactory.instance.objectNode().put("data", "x".repeat(size));
    }
  }
}
