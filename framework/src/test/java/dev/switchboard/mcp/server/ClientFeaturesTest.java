package dev.switchboard.mcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.schema.internal.Golden;
import dev.switchboard.mcp.session.McpSession;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.SseEvents;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Elicitation, sampling, roots and subscriptions, on the wire, with a client that answers by hand. */
class ClientFeaturesTest {
  private static final String ALL = "{\"sampling\":{\"tools\":{}},\"elicitation\":{\"form\":{},\"url\":{}},"
      + "\"roots\":{\"listChanged\":true}}";
  private static final CountDownLatch ROOTS_CHANGED = new CountDownLatch(1);
  private static final AtomicReference<McpSession> ROOTS_SESSION = new AtomicReference<>();
  private static JettyMcpServer jetty;
  private static McpClient client;

  @BeforeAll
  static void start() {
    ClientFeatureTools tools = new ClientFeatureTools();
    McpServer server = McpServer.builder("features", "1.0").register(tools)
        .onRootsChanged(session -> {
          ROOTS_SESSION.set(session);
          ROOTS_CHANGED.countDown();
        })
        .build();
    tools.server.set(server);
    jetty = JettyMcpServer.builder(server).stopOnShutdown(false).start();
    client = new McpClient(jetty.uri());
  }

  @AfterAll
  static void stop() {
    jetty.close();
  }

  private static JsonNode json(SseEvents.Event event) {
    return McpClient.JSON.readTree(event.data());
  }

  /** Calls a tool, answers the one request it makes with {@code answer}, returns (request, result). */
  private static JsonNode[] callAndAnswer(String session, String tool, String arguments, String answer)
      throws Exception {
    HttpResponse<InputStream> response = client.postStreaming(session, McpClient.callBody(1, tool, arguments));
    try (SseEvents events = SseEvents.of(response)) {
      JsonNode request = json(events.nextMessage(Duration.ofSeconds(10)));
      HttpResponse<String> ack = client.post(session,
          "{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + "," + answer + "}");
      assertEquals(202, ack.statusCode());
      return new JsonNode[] {request, json(events.nextMessage(Duration.ofSeconds(10)))};
    }
  }

  private static String text(JsonNode result) {
    return result.at("/result/content/0/text").asString();
  }

  @Test
  void aFormIsAskedWithAGeneratedSchemaAndTheAnswerIsBound() throws Exception {
    String session = client.openSession("2025-11-25", ALL);
    JsonNode[] exchange = callAndAnswer(session, "askProfile", "{}",
        "\"result\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\",\"age\":36,\"favorite\":\"BLUE\","
            + "\"toppings\":[\"OLIVES\",\"BASIL\"]}}");
    JsonNode request = exchange[0];
    assertEquals("elicitation/create", request.get("method").asString());
    assertEquals("Tell me about yourself", request.at("/params/message").asString());
    assertFalse(request.get("params").has("mode"), "form mode is the default and is not spelled out");
    Golden.assertMatches("elicitation-form", request.at("/params/requestedSchema"));
    assertEquals("Ada/36/BLUE/BASIL+OLIVES/true", text(exchange[1]), "the default fills in newsletter");
  }

  @Test
  void declinedAndCancelledFormsAreReported() throws Exception {
    String session = client.openSession("2025-11-25", ALL);
    assertEquals("no profile: decline", text(callAndAnswer(session, "askProfile", "{}",
        "\"result\":{\"action\":\"decline\"}")[1]));
    assertEquals("no profile: cancel", text(callAndAnswer(session, "askProfile", "{}",
        "\"result\":{\"action\":\"cancel\"}")[1]));
  }

  @Test
  void anAnswerThatDoesNotFitTheFormIsAToolError() throws Exception {
    String session = client.openSession("2025-11-25", ALL);
    JsonNode result = callAndAnswer(session, "askProfile", "{}",
        "\"result\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\",\"favorite\":\"GREEN\",\"toppings\":[]}}")[1];
    assertTrue(result.at("/result/isError").asBoolean());
    assertTrue(text(result).contains("'favorite'"), text(result));
  }

  @Test
  void aClientWithoutTheCapabilityIsNeverAsked() throws Exception {
    String session = client.openSession("2025-11-25", "{}");
    for (String tool : new String[] {"askProfile", "roots", "authorize"}) {
      HttpResponse<String> response = client.post(session, McpClient.callBody(1, tool, "{}"));
      assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow(),
          "no request went out, so no stream was opened");
      JsonNode result = McpClient.JSON.readTree(response.body());
      assertTrue(result.at("/result/isError").asBoolean());
      assertTrue(text(result).contains("does not support"), text(result));
    }
    JsonNode sampling = client.call(session, 2, "sample", "{\"prompt\":\"hi\"}");
    assertTrue(text(sampling).contains("does not support sampling"), text(sampling));
    String noTools = client.openSession("2025-11-25", "{\"sampling\":{}}");
    assertTrue(text(client.call(noTools, 3, "sampleWithTools", "{}")).contains("tools"));
  }

  @Test
  void samplingSendsTheRequestAsTheSpecShapesItAndReadsTheAnswer() throws Exception {
    String session = client.openSession("2025-11-25", ALL);
    JsonNode[] exchange = callAndAnswer(session, "sample", "{\"prompt\":\"Name a color\"}",
        "\"result\":{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"Teal\"},"
            + "\"model\":\"test-model\",\"stopReason\":\"endTurn\"}");
    JsonNode params = exchange[0].get("params");
    assertEquals("sampling/createMessage", exchange[0].get("method").asString());
    assertEquals("user", params.at("/messages/0/role").asString());
    assertEquals("Name a color", params.at("/messages/0/content/text").asString());
    assertEquals(100, params.get("maxTokens").asInt());
    assertEquals("Be brief", params.get("systemPrompt").asString());
    assertEquals("claude", params.at("/modelPreferences/hints/0/name").asString());
    assertFalse(params.get("modelPreferences").has("speedPriority"), "unset priorities are left out");
    assertEquals("model test-model said: Teal", text(exchange[1]));
  }

  @Test
  void rootsAreListedAndTheirChangesReported() throws Exception {
    String session = client.openSession("2025-11-25", ALL);
    JsonNode[] exchange = callAndAnswer(session, "roots", "{}",
        "\"result\":{\"roots\":[{\"uri\":\"file:///work\",\"name\":\"work\"},{\"uri\":\"file:///tmp\"}]}");
    assertEquals("roots/list", exchange[0].get("method").asString());
    assertEquals("file:///work,file:///tmp", text(exchange[1]));
    assertEquals(202, client.post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}")
        .statusCode());
    assertTrue(ROOTS_CHANGED.await(10, TimeUnit.SECONDS));
    assertEquals(session, ROOTS_SESSION.get().id());
  }

  @Test
  void urlElicitationAsksAndItsCompletionIsAnnounced() throws Exception {
    String session = client.openSession("2025-11-25", ALL);
    try (SseEvents standalone = client.listen(session)) {
      JsonNode[] exchange = callAndAnswer(session, "authorize", "{}", "\"result\":{\"action\":\"accept\"}");
      JsonNode params = exchange[0].get("params");
      assertEquals("url", params.get("mode").asString());
      assertEquals("https://example.com/auth", params.get("url").asString());
      assertEquals("auth-1", params.get("elicitationId").asString());
      assertEquals("user said accept", text(exchange[1]));
      assertEquals("true", text(client.call(session, 2, "completeAuthorization", "{}")));
      JsonNode complete = json(standalone.nextMessage(Duration.ofSeconds(5)));
      assertEquals("notifications/elicitation/complete", complete.get("method").asString());
      assertEquals("auth-1", complete.at("/params/elicitationId").asString());
    }
  }

  @Test
  void aUrlElicitationRequiredErrorCarriesTheElicitations() throws Exception {
    String session = client.openSession("2025-11-25", ALL);
    JsonNode error = client.call(session, 1, "needsAuthorization", "{}").get("error");
    assertEquals(-32042, error.get("code").asInt());
    assertEquals("url", error.at("/data/elicitations/0/mode").asString());
    assertEquals("auth-2", error.at("/data/elicitations/0/elicitationId").asString());
    assertEquals("https://example.com/auth?x=1", error.at("/data/elicitations/0/url").asString());
  }

  @Test
  void aResourceUpdateReachesExactlyTheSubscribedSessions() throws Exception {
    String subscriber = client.openSession("2025-11-25", ALL);
    String bystander = client.openSession("2025-11-25", ALL);
    try (SseEvents subscribed = client.listen(subscriber); SseEvents other = client.listen(bystander)) {
      JsonNode ok = McpClient.JSON.readTree(client.post(subscriber,
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"memo://watched\"}}").body());
      assertEquals(0, ok.get("result").size(), "subscribe answers exactly {}");
      client.call(bystander, 1, "touch", "{\"uri\":\"memo://watched\"}");
      JsonNode updated = json(subscribed.nextMessage(Duration.ofSeconds(5)));
      assertEquals("notifications/resources/updated", updated.get("method").asString());
      assertEquals("memo://watched", updated.at("/params/uri").asString());
      client.call(bystander, 2, "touch", "{\"uri\":\"memo://elsewhere\"}");
      client.post(subscriber,
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/unsubscribe\",\"params\":{\"uri\":\"memo://watched\"}}");
      client.call(bystander, 3, "touch", "{\"uri\":\"memo://watched\"}");
      // A notification the subscriber should get, to prove nothing else is queued before it.
      client.call(subscriber, 4, "completeAuthorization", "{}");
      JsonNode next = json(subscribed.nextMessage(Duration.ofSeconds(5)));
      assertEquals("notifications/elicitation/complete", next.get("method").asString(),
          "no update for an unsubscribed resource, nor for another resource");
      assertTrue(other.drain().stream().allMatch(SseEvents.Event::isPriming), "the bystander got nothing");
      assertNotNull(next);
    }
  }
}
