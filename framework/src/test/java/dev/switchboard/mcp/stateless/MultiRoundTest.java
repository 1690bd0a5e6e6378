package dev.switchboard.mcp.stateless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.GetPromptResult;
import dev.switchboard.mcp.protocol.Prompt;
import dev.switchboard.mcp.protocol.PromptMessage;
import dev.switchboard.mcp.protocol.ReadResourceResult;
import dev.switchboard.mcp.protocol.Resource;
import dev.switchboard.mcp.protocol.ResourceContents;
import dev.switchboard.mcp.protocol.SamplingRequest;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.server.InputRequests;
import dev.switchboard.mcp.server.InputResponses;
import dev.switchboard.mcp.testing.FakeTime;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.StatelessClient;
import dev.switchboard.mcp.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Multi-round calls (2026-07-28): a handler asks with the same API as on a session, the framework
 * answers with an {@code InputRequiredResult}, and the client's retry runs the handler again with
 * the answers; the state the client carries is signed and checked before any handler runs.
 */
class MultiRoundTest {
  record Name(String name) {}

  record Color(String color) {}

  private static final FakeTime TIME = new FakeTime();
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final AtomicInteger QUOTES = new AtomicInteger();
  private static TestServer server;
  private static StatelessClient client;

  @BeforeAll
  static void start() {
    server = TestServer.start(builder -> builder.timeSource(TIME).requestStateLifetime(Duration.ofMinutes(10))
        .tool(tool("greet", "Greets the user by name"), (args, ctx) -> {
          RUNS.incrementAndGet();
          String name = ctx.elicit("What is your name?", Name.class).content().name();
          return CallToolResult.text("Hello, " + name + "!");
        })
        .tool(tool("two_steps", "Asks twice"), (args, ctx) -> {
          int quote = ctx.once("quote", Integer.class, QUOTES::incrementAndGet);
          String name = ctx.elicit("Step 1: your name?", Name.class).content().name();
          String color = ctx.elicit("Step 2: your favorite color?", Color.class).content().color();
          return CallToolResult.text(name + " likes " + color + " (quote " + quote + ")");
        })
        .tool(tool("three_at_once", "Asks three things in one round"), (args, ctx) -> {
          InputResponses answers = ctx.ask(InputRequests.builder()
              .elicit("user_name", "What is your name?", Name.class)
              .createMessage("greeting", SamplingRequest.builder(50).userMessage("Generate a greeting").build())
              .listRoots("client_roots")
              .build());
          return CallToolResult.text("Name: " + answers.elicitation("user_name", Name.class).content().name()
              + "; Greeting: " + answers.sampling("greeting").text()
              + "; Roots: " + answers.roots("client_roots").size());
        })
        .prompt(Prompt.of("asking_prompt", "A prompt that asks for context", List.of()), (arguments, ctx) -> {
          ObjectNode schema = McpClient.JSON.createObjectNode().put("type", "object");
          schema.putObject("properties").putObject("context").put("type", "string");
          String context = ctx.elicit("What context?", schema).content().get("context").asString();
          return GetPromptResult.of(PromptMessage.user("Prompt with context: " + context));
        })
        .resource(Resource.of("test://asking", "asking", "text/plain"), (uri, ctx) ->
            ReadResourceResult.of(ResourceContents.text(uri, "text/plain",
                "roots: " + ctx.listRoots().size()))), UnaryOperator.identity());
    client = new StatelessClient(server.uri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Tool tool(String name, String description) {
    return Tool.builder(name).description(description).inputSchema("{\"type\":\"object\"}").build();
  }

  @Test
  void anAskBecomesAnInputRequiredResultAndTheRetryCompletes() throws Exception {
    JsonNode first = client.call(1, "greet", "{}", "{}").get("result");
    assertEquals("input_required", first.get("resultType").asString(), first.toString());
    JsonNode ask = first.at("/inputRequests/#1");
    assertEquals("elicitation/create", ask.get("method").asString());
    assertEquals("What is your name?", ask.at("/params/message").asString());
    assertEquals("string", ask.at("/params/requestedSchema/properties/name/type").asString());
    assertFalse(first.has("ttlMs"), "an input-required result is never cached");
    String retry = "{\"inputResponses\":{\"#1\":{\"action\":\"accept\",\"content\":{\"name\":\"Alice\"}}},"
        + "\"requestState\":" + first.get("requestState") + "}";
    JsonNode done = client.call(2, "greet", "{}", retry).get("result");
    assertEquals("complete", done.get("resultType").asString());
    assertEquals("Hello, Alice!", done.at("/content/0/text").asString());
  }

  @Test
  void twoSequentialAsksTakeTwoRoundsAndWorkBeforeThemRunsOnce() throws Exception {
    int quotesBefore = QUOTES.get();
    JsonNode r1 = client.call(1, "two_steps", "{}", "{}").get("result");
    assertEquals("Step 1: your name?", r1.at("/inputRequests/#1/params/message").asString());
    JsonNode r2 = client.call(2, "two_steps", "{}", "{\"inputResponses\":{\"#1\":{\"action\":\"accept\","
        + "\"content\":{\"name\":\"Alice\"}}},\"requestState\":" + r1.get("requestState") + "}").get("result");
    assertEquals("input_required", r2.get("resultType").asString(), r2.toString());
    assertEquals("Step 2: your favorite color?", r2.at("/inputRequests/#2/params/message").asString());
    assertFalse(r2.at("/inputRequests").has("#1"), "the first answer is carried, not asked again");
    assertNotEquals(r1.get("requestState"), r2.get("requestState"));
    JsonNode r3 = client.call(3, "two_steps", "{}", "{\"inputResponses\":{\"#2\":{\"action\":\"accept\","
        + "\"content\":{\"color\":\"blue\"}}},\"requestState\":" + r2.get("requestState") + "}").get("result");
    assertEquals("Alice likes blue (quote " + (quotesBefore + 1) + ")", r3.at("/content/0/text").asString());
    assertEquals(quotesBefore + 1, QUOTES.get(), "the work wrapped in once() ran in the first round only");
  }

  @Test
  void severalQuestionsGoOutInOneRoundUnderTheirKeys() throws Exception {
    JsonNode r1 = client.call(1, "three_at_once", "{}", "{}").get("result");
    JsonNode requests = r1.get("inputRequests");
    assertEquals("elicitation/create", requests.at("/user_name/method").asString());
    assertEquals("sampling/createMessage", requests.at("/greeting/method").asString());
    assertEquals(50, requests.at("/greeting/params/maxTokens").asInt());
    assertEquals("roots/list", requests.at("/client_roots/method").asString());
    String answers = "{\"inputResponses\":{"
        + "\"user_name\":{\"action\":\"accept\",\"content\":{\"name\":\"Alice\"}},"
        + "\"greeting\":{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"Hello there!\"},"
        + "\"model\":\"m\",\"stopReason\":\"endTurn\"},"
        + "\"client_roots\":{\"roots\":[{\"uri\":\"file:///test/root\",\"name\":\"Test Root\"}]}},"
        + "\"requestState\":" + r1.get("requestState") + "}";
    JsonNode done = client.call(2, "three_at_once", "{}", answers).get("result");
    assertEquals("Name: Alice; Greeting: Hello there!; Roots: 1", done.at("/content/0/text").asString());
  }

  @Test
  void aTamperedStateIsRefusedBeforeTheHandlerRuns() throws Exception {
    JsonNode r1 = client.call(1, "greet", "{}", "{}").get("result");
    int runs = RUNS.get();
    String tampered = "{\"inputResponses\":{\"#1\":{\"action\":\"accept\",\"content\":{\"name\":\"Eve\"}}},"
        + "\"requestState\":\"" + r1.get("requestState").asString() + "-TAMPERED\"}";
    JsonNode error = client.call(2, "greet", "{}", tampered).get("error");
    assertEquals(-32602, error.get("code").asInt(), error.toString());
    assertTrue(error.get("message").asString().startsWith("Invalid requestState"), error.toString());
    assertEquals(runs, RUNS.get(), "the handler never saw the tampered state");
  }

  @Test
  void anExpiredStateIsRefused() throws Exception {
    JsonNode r1 = client.call(1, "greet", "{}", "{}").get("result");
    TIME.advance(Duration.ofMinutes(11));
    JsonNode error = client.call(2, "greet", "{}", "{\"inputResponses\":{\"#1\":{\"action\":\"accept\","
        + "\"content\":{\"name\":\"Late\"}}},\"requestState\":" + r1.get("requestState") + "}").get("error");
    assertEquals(-32602, error.get("code").asInt());
    assertTrue(error.get("message").asString().contains("expired"), error.toString());
  }

  @Test
  void aStateIsBoundToItsRequestsArguments() throws Exception {
    JsonNode r1 = client.call(1, "greet", "{\"x\":1}", "{}").get("result");
    String retry = "{\"inputResponses\":{\"#1\":{\"action\":\"accept\",\"content\":{\"name\":\"A\"}}},"
        + "\"requestState\":" + r1.get("requestState") + "}";
    JsonNode sameArgs = client.call(2, "greet", "{\"x\":1.0}", retry).get("result");
    assertEquals("Hello, A!", sameArgs.at("/content/0/text").asString(), "1 and 1.0 are the same argument");
    JsonNode otherArgs = client.call(3, "greet", "{\"x\":2}", retry).get("error");
    assertEquals(-32602, otherArgs.get("code").asInt());
    assertTrue(otherArgs.get("message").asString().contains("different request"), otherArgs.toString());
    JsonNode otherTool = client.call(4, "two_steps", "{}", retry.replace("{\"x\":1}", "{}")).get("error");
    assertEquals(-32602, otherTool.get("code").asInt());
  }

  @Test
  void aMissingAnswerIsAskedAgainAndExtraAnswersAreIgnored() throws Exception {
    JsonNode wrongKey = client.call(1, "greet", "{}",
        "{\"inputResponses\":{\"wrong_key\":{\"action\":\"accept\",\"content\":{\"data\":\"wrong\"}}}}").get("result");
    assertEquals("input_required", wrongKey.get("resultType").asString());
    assertTrue(wrongKey.at("/inputRequests/#1").isObject());
    JsonNode extras = client.call(2, "greet", "{}", "{\"inputResponses\":{"
        + "\"#1\":{\"action\":\"accept\",\"content\":{\"name\":\"Alice\"}},"
        + "\"unknown_extra_key\":{\"action\":\"accept\",\"content\":{\"foo\":\"bar\"}}}}").get("result");
    assertEquals("Hello, Alice!", extras.at("/content/0/text").asString());
  }

  @Test
  void aMalformedAnswerIsInvalidParams() throws Exception {
    JsonNode error = client.call(1, "greet", "{}", "{\"inputResponses\":{\"#1\":12345}}").get("error");
    assertEquals(-32602, error.get("code").asInt(), error.toString());
    JsonNode notAnObject = client.call(2, "greet", "{}", "{\"inputResponses\":[1]}").get("error");
    assertEquals(-32602, notAnObject.get("code").asInt());
  }

  @Test
  void promptsAndResourcesMayAskToo() throws Exception {
    JsonNode p1 = client.request(1, "prompts/get", "{\"name\":\"asking_prompt\"}").get("result");
    assertEquals("input_required", p1.get("resultType").asString(), p1.toString());
    JsonNode p2 = client.request(2, "prompts/get", "{\"name\":\"asking_prompt\",\"inputResponses\":{\"#1\":"
        + "{\"action\":\"accept\",\"content\":{\"context\":\"tests\"}}},\"requestState\":" + p1.get("requestState")
        + "}").get("result");
    assertEquals("Prompt with context: tests", p2.at("/messages/0/content/text").asString());
    JsonNode r1 = client.request(3, "resources/read", "{\"uri\":\"test://asking\"}").get("result");
    assertEquals("roots/list", r1.at("/inputRequests/#1/method").asString());
    JsonNode r2 = client.request(4, "resources/read", "{\"uri\":\"test://asking\",\"inputResponses\":{\"#1\":"
        + "{\"roots\":[]}},\"requestState\":" + r1.get("requestState") + "}").get("result");
    assertEquals("roots: 0", r2.at("/contents/0/text").asString());
    assertEquals("complete", r2.get("resultType").asString());
    assertTrue(r2.has("ttlMs"), "a complete read carries its cache hint");
  }

  @Test
  void aStateSignedByAnotherServersKeyIsRefused() throws Exception {
    try (TestServer other = TestServer.start(builder -> builder
        .tool(tool("greet", "Greets"), (args, ctx) ->
            CallToolResult.text("Hello, " + ctx.elicit("Name?", Name.class).content().name() + "!")),
        UnaryOperator.identity())) {
      JsonNode r1 = new StatelessClient(other.uri()).call(1, "greet", "{}", "{}").get("result");
      JsonNode error = client.call(2, "greet", "{}", "{\"inputResponses\":{\"#1\":{\"action\":\"accept\","
          + "\"content\":{\"name\":\"Bo\"}}},\"requestState\":" + r1.get("requestState") + "}").get("error");
      assertEquals(-32602, error.get("code").asInt(), "each server has its own random key by default");
    }
  }
}
