package dev.switchboard.mcp.test;

import static dev.switchboard.mcp.test.McpAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.Root;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server's questions answered by the test's script, with the same test code on a session (the
 * answer is POSTed while the call's stream is read) and in 2026-07-28 (the call is retried with
 * {@code inputResponses} and the {@code requestState}).
 */
@McpServerTest
class ScriptedAnswersTest {
  static final KitTools TOOLS = new KitTools();

  @ServerUnderTest
  static McpTestServer.Builder server() {
    return McpTestServer.builder(KitTools.impatient(TOOLS, Duration.ofMillis(500)));
  }

  @BothEras
  void anAcceptedElicitationPlacesTheOrderOnce(McpTestClient client) {
    int before = TOOLS.orders.get();
    ToolResult result = client.call("order").argument("item", "lamp")
        .answering(ClientScript.acceptElicitation(Map.of("confirm", true))).send();
    assertThat(result).isNotError().hasText("Ordered lamp.").asked(ServerQuestion.ELICITATION, "Order lamp?");
    assertEquals(before + 1, TOOLS.orders.get(), "the side effect ran once, whatever the rounds");
    assertEquals("boolean", result.questions().get(0).requestedSchema().at("/properties/confirm/type").asString());
  }

  @BothEras
  void declinedAndCancelledElicitationsReachTheTool(McpTestClient client) {
    assertThat(client.call("order").argument("item", "lamp").answering(ClientScript.declineElicitation()).send())
        .hasText("Not ordered: decline.");
    assertThat(client.call("order").argument("item", "lamp").answering(ClientScript.cancelElicitation()).send())
        .hasText("Not ordered: cancel.");
    assertThat(client.call("order").argument("item", "lamp")
        .answering(ClientScript.acceptElicitation(Map.of("confirm", false))).send()).hasText("Not ordered.");
  }

  @BothEras
  void answersInOrderFollowTheQuestionsOfOneCall(McpTestClient client) {
    ClientScript script = ClientScript.none().onElicitations(
        Answer.accept(Map.of("street", "1 Main St")), Answer.acceptJson("{\"confirm\": true}"));
    ToolResult shipped = client.call("ship").argument("item", "sofa").answering(script).send();
    assertThat(shipped).hasText("Shipping sofa to 1 Main St.")
        .asked(ServerQuestion.ELICITATION, "Ship sofa where?")
        .asked(ServerQuestion.ELICITATION, "Ship sofa to 1 Main St?");
    assertEquals(2, shipped.questions().size());
    assertThat(client.call("ship").argument("item", "sofa").answering(script).send())
        .hasText("Shipping sofa to 1 Main St.");
  }

  @BothEras
  void anAnswerCanDependOnTheQuestion(McpTestClient client) {
    ClientScript script = ClientScript.none().onElicitation(question -> question.message().contains("where")
        ? Answer.accept(Map.of("street", "Elm St")) : Answer.decline());
    assertThat(client.call("ship").argument("item", "desk").answering(script).send()).hasText("Not shipped.");
  }

  @BothEras
  void samplingAndRootsAreAnsweredToo(McpTestClient client) {
    ClientScript script = ClientScript.none().onSampling(Answer.sample("Green tests / a quiet build"))
        .onRoots(new Root("file:///work", "work"), new Root("file:///home", null));
    assertThat(client.call("haiku").argument("topic", "tests").answering(script).send())
        .hasText("The model wrote: Green tests / a quiet build")
        .asked(ServerQuestion.SAMPLING, "A haiku about tests");
    assertThat(client.call("workspace").answering(script).send())
        .hasText("roots: file:///work, file:///home")
        .asked(ServerQuestion.ROOTS, "");
  }

  @BothEras
  void aClientsOwnScriptAnswersEveryCall(McpTestServer server, McpTestClient injected) {
    McpTestClient client = server.newClient(builder -> builder.revision(injected.revision())
        .answering(ClientScript.acceptElicitation(Map.of("confirm", true))));
    assertThat(client.callTool("order", Map.of("item", "chair"))).hasText("Ordered chair.");
    assertThat(client.call("order").argument("item", "chair").answering(ClientScript.declineElicitation()).send())
        .hasText("Not ordered: decline.");
  }

  @BothEras
  void anUnscriptedQuestionFailsTheCallAtOnceNamingIt(McpTestClient client) {
    long start = System.nanoTime();
    AssertionError failure = assertThrows(AssertionError.class, () -> client.callTool("order",
        Map.of("item", "piano")));
    assertTrue(failure.getMessage().contains("elicitation/create (\"Order piano?\")"), failure.getMessage());
    assertTrue(failure.getMessage().contains("ClientScript"), failure.getMessage());
    assertTrue(failure.getMessage().contains("POST " + client.uri()), "the exchanges are shown");
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "it did not wait for the server");
  }

  @Test
  void aQuestionNeverAnsweredOnASessionTimesOutInTheServer(McpTestServer server) {
    McpTestClient client = server.newClient(ProtocolVersion.V2025_11_25);
    assertThat(client.call("order").argument("item", "harp").answering(ClientScript.neverAnswer()).send())
        .hasText("Nobody answered.")
        .asked(ServerQuestion.ELICITATION, "Order harp?");
  }

  @Test
  void aQuestionNeverAnsweredInTheStatelessEraLeavesTheCallAtInputRequired(McpTestServer server) {
    McpTestClient client = server.newClient(ProtocolVersion.V2026_07_28);
    ToolResult result = client.call("order").argument("item", "harp").answering(ClientScript.neverAnswer()).send();
    assertThat(result).isInputRequired().asked(ServerQuestion.ELICITATION, "Order harp?");
    assertEquals(1, result.exchanges().size(), "no retry");
    assertTrue(result.json().has("requestState"), result.toString());
  }

  @Test
  void aMultiRoundCallShowsEveryRound(McpTestServer server) {
    McpTestClient client = server.newClient(ProtocolVersion.V2026_07_28);
    ToolResult shipped = client.call("ship").argument("item", "bed").answering(ClientScript.none()
        .onElicitations(Answer.accept(Map.of("street", "Oak Rd")), Answer.accept(Map.of("confirm", true)))).send();
    assertEquals(3, shipped.exchanges().size(), "three rounds: ask, ask, answer");
    assertTrue(Json.parse(shipped.exchanges().get(2).requestBody()).at("/params/inputResponses").isObject());
    assertTrue(Json.parse(shipped.exchanges().get(2).requestBody()).at("/params/requestState").isString());
  }
}
