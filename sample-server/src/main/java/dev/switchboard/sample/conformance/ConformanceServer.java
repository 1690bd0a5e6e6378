package dev.switchboard.sample.conformance;

import dev.switchboard.mcp.protocol.AudioContent;
import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.Completion;
import dev.switchboard.mcp.protocol.ElicitationResult;
import dev.switchboard.mcp.protocol.EmbeddedResource;
import dev.switchboard.mcp.protocol.GetPromptResult;
import dev.switchboard.mcp.protocol.ImageContent;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.Prompt;
import dev.switchboard.mcp.protocol.PromptArgument;
import dev.switchboard.mcp.protocol.PromptMessage;
import dev.switchboard.mcp.protocol.ReadResourceResult;
import dev.switchboard.mcp.protocol.Resource;
import dev.switchboard.mcp.protocol.ResourceContents;
import dev.switchboard.mcp.protocol.ResourceTemplate;
import dev.switchboard.mcp.protocol.Role;
import dev.switchboard.mcp.protocol.SamplingRequest;
import dev.switchboard.mcp.protocol.TextContent;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.server.McpServerBuilder;
import dev.switchboard.mcp.server.RequestContext;
import dev.switchboard.mcp.server.ToolHandler;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fixture surface of the official MCP conformance suite (the reference "everything server"):
 * its tools, resources and prompts, by their exact names and behaviours, written with the
 * framework's public API only.
 */
public final class ConformanceServer {
  /** A 1x1 red PNG. */
  static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
  /** A minimal WAV file. */
  static final String WAV = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";
  private static final String NO_ARGUMENTS = "{\"type\":\"object\",\"properties\":{}}";

  private ConformanceServer() {}

  /**
   * Builds the conformance server.
   *
   * @return the server definition
   */
  public static McpServer build() {
    McpServerBuilder builder = McpServer.builder("mcp-conformance-test-server", "1.0.0");
    AtomicReference<McpServer> built = new AtomicReference<>();
    tools(builder);
    StatelessFixtures.tools(builder, built);
    resources(builder);
    prompts(builder);
    StatelessFixtures.prompts(builder);
    McpServer server = builder.build();
    built.set(server);
    return server;
  }

  static Tool tool(String name, String description, String schema) {
    return Tool.builder(name).description(description).inputSchema(schema).build();
  }

  static void simple(McpServerBuilder builder, String name, String description, ToolHandler handler) {
    builder.tool(tool(name, description, NO_ARGUMENTS), handler);
  }

  private static ImageContent image() {
    return new ImageContent(PNG, "image/png", null);
  }

  private static void tools(McpServerBuilder builder) {
    simple(builder, "test_simple_text", "Tests simple text content response",
        (args, ctx) -> CallToolResult.text("This is a simple text response for testing."));
    simple(builder, "test_image_content", "Tests image content response", (args, ctx) -> CallToolResult.of(image()));
    simple(builder, "test_audio_content", "Tests audio content response",
        (args, ctx) -> CallToolResult.of(new AudioContent(WAV, "audio/wav", null)));
    simple(builder, "test_embedded_resource", "Tests embedded resource content response",
        (args, ctx) -> CallToolResult.of(EmbeddedResource.of(ResourceContents.text("test://embedded-resource",
            "text/plain", "This is an embedded resource content."))));
    simple(builder, "test_multiple_content_types", "Tests response with multiple content types (text, image, resource)",
        (args, ctx) -> CallToolResult.of(TextContent.of("Multiple content types test:"), image(),
            EmbeddedResource.of(ResourceContents.text("test://mixed-content-resource", "application/json",
                "{\"test\":\"data\",\"value\":123}"))));
    simple(builder, "test_tool_with_logging", "Tests tool that emits log messages during execution", (args, ctx) -> {
      ctx.log(LoggingLevel.INFO, null, "Tool execution started");
      Thread.sleep(50);
      ctx.log(LoggingLevel.INFO, null, "Tool processing data");
      Thread.sleep(50);
      ctx.log(LoggingLevel.INFO, null, "Tool execution completed");
      return CallToolResult.text("Tool with logging executed successfully");
    });
    simple(builder, "test_tool_with_progress", "Tests tool that reports progress notifications", (args, ctx) -> {
      for (int step = 0; step <= 100; step += 50) {
        ctx.progress(step, 100.0, "Completed step " + step + " of 100");
        Thread.sleep(50);
      }
      return CallToolResult.text(progressToken(ctx));
    });
    simple(builder, "test_error_handling", "Tests error response handling", (args, ctx) -> {
      throw new IllegalStateException("This tool intentionally returns an error for testing");
    });
    simple(builder, "test_reconnection",
        "Tests SSE stream disconnection and client reconnection (SEP-1699): the server closes the stream and the"
            + " client resumes it with Last-Event-ID", (args, ctx) -> {
          ctx.disconnect();
          Thread.sleep(100);
          return CallToolResult.text("Reconnection test completed successfully. If you received this, the client"
              + " properly reconnected after stream closure.");
        });
    builder.tool(tool("test_sampling", "Tests server-initiated sampling (LLM completion request)",
        "{\"type\":\"object\",\"properties\":{\"prompt\":{\"type\":\"string\",\"description\":\"The prompt to send to the LLM\"}},"
            + "\"required\":[\"prompt\"]}"), (args, ctx) -> CallToolResult.text("LLM response: "
        + ctx.createMessage(SamplingRequest.builder(100).userMessage(args.string("prompt")).build()).text()));
    builder.tool(tool("test_elicitation", "Tests server-initiated elicitation (user input request)",
        "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\",\"description\":\"The message to show the user\"}},"
            + "\"required\":[\"message\"]}"),
        (args, ctx) -> elicit(ctx, args.string("message"), "{\"type\":\"object\",\"properties\":{\"response\":"
            + "{\"type\":\"string\",\"description\":\"User's response\"}},\"required\":[\"response\"]}", "User response"));
    simple(builder, "test_elicitation_sep1034_defaults", "Tests elicitation with default values (SEP-1034)",
        (args, ctx) -> elicit(ctx, "Please review and update the form fields with defaults", """
            {"type":"object","properties":{
              "name":{"type":"string","description":"User name","default":"John Doe"},
              "age":{"type":"integer","description":"User age","default":30},
              "score":{"type":"number","description":"User score","default":95.5},
              "status":{"type":"string","description":"User status","enum":["active","inactive","pending"],"default":"active"},
              "verified":{"type":"boolean","description":"Verification status","default":true}},
             "required":[]}""", "Elicitation completed"));
    simple(builder, "test_elicitation_sep1330_enums", "Tests elicitation with enum schemas (SEP-1330)",
        (args, ctx) -> elicit(ctx, "Please select options from the enum fields", """
            {"type":"object","properties":{
              "untitledSingle":{"type":"string","description":"Choose one option","enum":["option1","option2","option3"]},
              "titledSingle":{"type":"string","description":"Choose one titled option","oneOf":[
                {"const":"value1","title":"First Option"},{"const":"value2","title":"Second Option"},
                {"const":"value3","title":"Third Option"}]},
              "legacyEnum":{"type":"string","description":"Choose one (legacy titles)","enum":["opt1","opt2","opt3"],
                "enumNames":["Option One","Option Two","Option Three"]},
              "untitledMulti":{"type":"array","description":"Choose several options","minItems":1,"maxItems":3,
                "items":{"type":"string","enum":["option1","option2","option3"]}},
              "titledMulti":{"type":"array","description":"Choose several titled options","minItems":1,"maxItems":3,
                "items":{"anyOf":[{"const":"value1","title":"First Choice"},{"const":"value2","title":"Second Choice"},
                  {"const":"value3","title":"Third Choice"}]}}},
             "required":[]}""", "Elicitation completed"));
    builder.tool(tool("json_schema_2020_12_tool",
        "Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613)", """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
             "$defs":{"address":{"$anchor":"addressDef","type":"object","properties":{
               "street":{"type":"string"},"city":{"type":"string"}}}},
             "properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"},
               "contactMethod":{"type":"string","enum":["phone","email"]},"phone":{"type":"string"},
               "email":{"type":"string"}},
             "allOf":[{"anyOf":[{"required":["phone"]},{"required":["email"]}]}],
             "if":{"properties":{"contactMethod":{"const":"phone"}},"required":["contactMethod"]},
             "then":{"required":["phone"]},"else":{"required":["email"]},
             "additionalProperties":false}"""),
        (args, ctx) -> CallToolResult.text("Received: " + args.json()));
  }

  private static String progressToken(RequestContext ctx) {
    return ctx.progressToken().orElse("");
  }

  private static CallToolResult elicit(RequestContext ctx, String message, String schema, String prefix)
      throws Exception {
    ObjectNode requested = (ObjectNode) JsonMapper.shared().readTree(schema);
    ElicitationResult<ObjectNode> answer = ctx.elicit(message, requested);
    return CallToolResult.text(prefix + ": action=" + answer.action().wireName() + ", content="
        + answer.value().map(Object::toString).orElse("{}"));
  }

  private static void resources(McpServerBuilder builder) {
    builder.resource(new Resource("test://static-text", "static-text", "Static Text Resource",
        "A static text resource for testing", "text/plain", null, List.of()),
        (uri, ctx) -> ReadResourceResult.of(ResourceContents.text(uri, "text/plain",
            "This is the content of the static text resource.")));
    builder.resource(new Resource("test://static-binary", "static-binary", "Static Binary Resource",
        "A static binary resource (image) for testing", "image/png", null, List.of()),
        (uri, ctx) -> ReadResourceResult.of(ResourceContents.blob(uri, "image/png", Base64.getDecoder().decode(PNG))));
    builder.resource(new Resource("test://watched-resource", "watched-resource", "Watched Resource",
        "A resource that can be subscribed to", "text/plain", null, List.of()),
        (uri, ctx) -> ReadResourceResult.of(ResourceContents.text(uri, "text/plain", "Watched resource content")));
    builder.resourceTemplate(new ResourceTemplate("test://template/{id}/data", "template", "Template Resource",
        "A resource template with a parameter", "application/json", List.of()),
        (uri, variables, ctx) -> ReadResourceResult.of(ResourceContents.text(uri, "application/json",
            "{\"id\":\"" + variables.get("id") + "\",\"templateTest\":true,\"data\":\"Data for ID: "
                + variables.get("id") + "\"}")));
  }

  private static void prompts(McpServerBuilder builder) {
    builder.prompt(new Prompt("test_simple_prompt", "Simple Test Prompt", "A simple prompt without arguments",
        List.of(), List.of()), (arguments, ctx) -> GetPromptResult.of(PromptMessage.user("This is a simple prompt for testing.")));
    builder.prompt(new Prompt("test_prompt_with_arguments", "Prompt With Arguments",
        "A prompt with required arguments", List.of(
            new PromptArgument("arg1", null, "First test argument", true),
            new PromptArgument("arg2", null, "Second test argument", true)), List.of()),
        (arguments, ctx) -> GetPromptResult.of(PromptMessage.user("Prompt with arguments: arg1='"
            + arguments.get("arg1") + "', arg2='" + arguments.get("arg2") + "'")));
    builder.prompt(new Prompt("test_prompt_with_embedded_resource", "Prompt With Embedded Resource",
        "A prompt that includes an embedded resource", List.of(
            new PromptArgument("resourceUri", null, "URI of the resource to embed", true)), List.of()),
        (arguments, ctx) -> GetPromptResult.of(
            new PromptMessage(Role.USER, EmbeddedResource.of(ResourceContents.text(arguments.get("resourceUri"),
                "text/plain", "Embedded resource content for testing."))),
            PromptMessage.user("Please process the embedded resource above.")));
    builder.prompt(new Prompt("test_prompt_with_image", "Prompt With Image", "A prompt that includes an image",
        List.of(), List.of()),
        (arguments, ctx) -> GetPromptResult.of(new PromptMessage(Role.USER, image()),
            PromptMessage.user("Please analyze the image above.")));
    builder.promptCompletion("test_prompt_with_arguments", (argument, value, context, ctx) -> Completion.empty());
  }
}
