package dev.switchboard.sample.conformance;

import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.GetPromptResult;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.Prompt;
import dev.switchboard.mcp.protocol.PromptMessage;
import dev.switchboard.mcp.protocol.SamplingRequest;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.server.InputRequests;
import dev.switchboard.mcp.server.InputResponses;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.server.McpServerBuilder;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fixtures the 2026-07-28 scenarios of the conformance suite call: multi-round tools and a
 * prompt, a tool whose argument travels in a header, one that needs sampling, diagnostics of the
 * stateless streams, and triggers of list changes for {@code subscriptions/listen}. Each asks the
 * client through the same API a session uses.
 */
final class StatelessFixtures {
  record UserName(String name) {}

  record Confirmation(boolean ok) {}

  record Color(String color) {}

  record Context(String context) {}

  private StatelessFixtures() {}

  /**
   * Adds the tools.
   *
   * @param server the server the triggers change, set once it is built
   */
  static void tools(McpServerBuilder builder, AtomicReference<McpServer> server) {
    builder.tool(ConformanceServer.tool("test_custom_header", "Tool with an x-mcp-header parameter (SEP-2243)",
        "{\"type\":\"object\",\"properties\":{\"region\":{\"type\":\"string\",\"description\":\"Mirrored into "
            + "Mcp-Param-Region\",\"x-mcp-header\":\"Region\"}},\"required\":[\"region\"]}"),
        (args, ctx) -> CallToolResult.text("region=" + args.string("region")));
    ConformanceServer.simple(builder, "test_missing_capability", "Test tool requiring sampling", (args, ctx) ->
        CallToolResult.text(ctx.createMessage(SamplingRequest.builder(20).userMessage("Say hi").build()).text()));
    ConformanceServer.simple(builder, "test_streaming_elicitation", "Diagnostic tool validating response streams: "
        + "it asks the user, which never puts a request on a stream", (args, ctx) ->
        CallToolResult.text("Streaming complete: " + ctx.elicit("Continue?", Confirmation.class).action().wireName()));
    ConformanceServer.simple(builder, "test_logging_tool", "Diagnostic logging validator tool", (args, ctx) -> {
      ctx.log(LoggingLevel.INFO, "conformance", "Logging evaluated"); // sent only if the request asked for logs
      return CallToolResult.text("Logging evaluated");
    });
    ConformanceServer.simple(builder, "test_trigger_tool_change", "Changes the tool list (adds and removes a tool)",
        (args, ctx) -> {
          McpServer changed = server.get();
          changed.addTool(Tool.builder("test_transient_tool").description("Exists for a moment")
              .inputSchema("{\"type\":\"object\"}").build(), (a, c) -> CallToolResult.text("transient"));
          changed.removeTool("test_transient_tool");
          return CallToolResult.text("Mutation triggered");
        });
    ConformanceServer.simple(builder, "test_trigger_prompt_change", "Changes the prompt list (adds and removes one)",
        (args, ctx) -> {
          McpServer changed = server.get();
          changed.addPrompt(Prompt.of("test_transient_prompt", "Exists for a moment", List.of()),
              (a, c) -> GetPromptResult.of(PromptMessage.user("transient")));
          changed.removePrompt("test_transient_prompt");
          return CallToolResult.text("Mutation triggered");
        });
    multiRound(builder);
  }

  private static void multiRound(McpServerBuilder builder) {
    ConformanceServer.simple(builder, "test_input_required_result_elicitation", "Asks the user's name (SEP-2322)",
        (args, ctx) -> {
          InputResponses answers = ctx.ask(InputRequests.builder()
              .elicit("user_name", "What is your name?", UserName.class).build());
          UserName name = answers.elicitation("user_name", UserName.class).content();
          return CallToolResult.text("Hello, " + (name == null ? "unknown" : name.name()) + "!");
        });
    ConformanceServer.simple(builder, "test_input_required_result_sampling", "Asks the client's model (SEP-2322)",
        (args, ctx) -> {
          InputResponses answers = ctx.ask(InputRequests.builder().createMessage("capital_question",
              SamplingRequest.builder(100).userMessage("What is the capital of France?").build()).build());
          return CallToolResult.text("The model said: " + answers.sampling("capital_question").text());
        });
    ConformanceServer.simple(builder, "test_input_required_result_list_roots", "Asks the client's roots (SEP-2322)",
        (args, ctx) -> CallToolResult.text("Roots: " + ctx.ask(InputRequests.builder().listRoots("client_roots")
            .build()).roots("client_roots").size()));
    ConformanceServer.simple(builder, "test_input_required_result_request_state",
        "Asks for a confirmation and checks the request state it gets back (SEP-2322)", (args, ctx) -> {
          InputResponses answers = ctx.ask(InputRequests.builder()
              .elicit("confirm", "Please confirm", Confirmation.class).build());
          return CallToolResult.text("state-ok: requestState validated, confirmed="
              + answers.elicitation("confirm", Confirmation.class).value().map(Confirmation::ok).orElse(false));
        });
    ConformanceServer.simple(builder, "test_input_required_result_multiple_inputs",
        "Asks three things in one round (SEP-2322)", (args, ctx) -> {
          InputResponses answers = ctx.ask(InputRequests.builder()
              .elicit("user_name", "What is your name?", UserName.class)
              .createMessage("greeting", SamplingRequest.builder(50).userMessage("Generate a greeting").build())
              .listRoots("client_roots")
              .build());
          UserName name = answers.elicitation("user_name", UserName.class).content();
          return CallToolResult.text("Name: " + (name == null ? "unknown" : name.name()) + "; Greeting: "
              + answers.sampling("greeting").text() + "; Roots: " + answers.roots("client_roots").size());
        });
    ConformanceServer.simple(builder, "test_input_required_result_multi_round", "Asks twice, in two rounds (SEP-2322)",
        (args, ctx) -> {
          UserName name = ctx.elicit("Step 1: What is your name?", UserName.class).content();
          Color color = ctx.elicit("Step 2: What is your favorite color?", Color.class).content();
          return CallToolResult.text("Multi-round complete for " + (name == null ? "unknown" : name.name())
              + " who likes " + (color == null ? "nothing" : color.color()));
        });
    ConformanceServer.simple(builder, "test_input_required_result_tampered_state",
        "Asks for a confirmation; a changed request state is refused (SEP-2322)", (args, ctx) ->
            CallToolResult.text("confirmed: " + ctx.elicit("Please confirm", Confirmation.class).accepted()));
    ConformanceServer.simple(builder, "test_input_required_result_capabilities",
        "Asks only what the client declared it can answer (SEP-2322)", (args, ctx) -> {
          ClientCapabilities declared = ctx.clientCapabilities();
          InputRequests.Builder questions = InputRequests.builder();
          if (declared.supportsFormElicitation()) {
            questions.elicit("elicit_input", "What is your name?", UserName.class);
          }
          if (declared.has("sampling")) {
            questions.createMessage("sample_input", SamplingRequest.builder(50).userMessage("Sample request").build());
          }
          if (declared.has("roots")) {
            questions.listRoots("roots_input");
          }
          if (!declared.supportsFormElicitation() && !declared.has("sampling") && !declared.has("roots")) {
            return CallToolResult.text("No supported capabilities declared");
          }
          return CallToolResult.text("capabilities-ok: received " + ctx.ask(questions.build()).keys());
        });
  }

  static void prompts(McpServerBuilder builder) {
    builder.prompt(Prompt.of("test_input_required_result_prompt", "A prompt that asks for its context (SEP-2322)",
        List.of()), (arguments, ctx) -> {
          Context context = ctx.ask(InputRequests.builder()
              .elicit("user_context", "What context should the prompt use?", Context.class).build())
              .elicitation("user_context", Context.class).content();
          return GetPromptResult.of(PromptMessage.user("Prompt with context: "
              + (context == null ? "none" : context.context())));
        });
  }
}
