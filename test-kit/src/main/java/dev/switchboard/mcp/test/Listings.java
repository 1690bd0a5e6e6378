package dev.switchboard.mcp.test;

import dev.switchboard.mcp.protocol.Icon;
import dev.switchboard.mcp.protocol.Prompt;
import dev.switchboard.mcp.protocol.PromptArgument;
import dev.switchboard.mcp.protocol.Resource;
import dev.switchboard.mcp.protocol.ResourceTemplate;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.protocol.ToolAnnotations;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What list methods return, read into the framework's own records; an entry they refuse fails the test. */
final class Listings {
  private Listings() {}

  static Tool tool(JsonNode tool) {
    return convert("tool", tool, () -> toTool(tool));
  }

  static Resource resource(JsonNode resource) {
    return convert("resource", resource, () -> new Resource(resource.path("uri").asString(),
        resource.path("name").asString(), text(resource, "title"), text(resource, "description"),
        text(resource, "mimeType"), resource.has("size") ? resource.get("size").asLong() : null, icons(resource)));
  }

  static ResourceTemplate template(JsonNode template) {
    return convert("resource template", template, () -> new ResourceTemplate(template.path("uriTemplate").asString(),
        template.path("name").asString(), text(template, "title"), text(template, "description"),
        text(template, "mimeType"), icons(template)));
  }

  static Prompt prompt(JsonNode prompt) {
    return convert("prompt", prompt, () -> {
      List<PromptArgument> arguments = new ArrayList<>();
      for (JsonNode argument : prompt.path("arguments")) {
        arguments.add(new PromptArgument(argument.path("name").asString(), text(argument, "title"),
            text(argument, "description"), argument.path("required").asBoolean(false)));
      }
      return new Prompt(prompt.path("name").asString(), text(prompt, "title"), text(prompt, "description"),
          arguments, icons(prompt));
    });
  }

  private static <T> T convert(String what, JsonNode json, Supplier<T> conversion) {
    try {
      return conversion.get();
    } catch (RuntimeException e) {
      throw new AssertionError("the server listed an invalid " + what + " (" + e.getMessage() + "): " + json, e);
    }
  }

  private static Tool toTool(JsonNode tool) {
    ToolAnnotations annotations = null;
    JsonNode hints = tool.get("annotations");
    if (hints != null && hints.isObject()) {
      annotations = new ToolAnnotations(text(hints, "title"), flag(hints, "readOnlyHint"),
          flag(hints, "destructiveHint"), flag(hints, "idempotentHint"), flag(hints, "openWorldHint"));
    }
    JsonNode output = tool.get("outputSchema");
    JsonNode meta = tool.get("_meta");
    JsonNode input = tool.path("inputSchema");
    return new Tool(tool.path("name").asString(), text(tool, "title"), text(tool, "description"),
        input.isObject() ? (ObjectNode) input : Json.object(),
        output != null && output.isObject() ? (ObjectNode) output : null, annotations, icons(tool),
        meta != null && meta.isObject() ? (ObjectNode) meta : null);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private static Boolean flag(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isBoolean() ? null : value.asBoolean();
  }

  private static List<Icon> icons(JsonNode node) {
    List<Icon> icons = new ArrayList<>();
    for (JsonNode icon : node.path("icons")) {
      List<String> sizes = new ArrayList<>();
      icon.path("sizes").forEach(size -> sizes.add(size.asString()));
      icons.add(new Icon(icon.path("src").asString(), text(icon, "mimeType"), sizes, text(icon, "theme")));
    }
    return icons;
  }
}
