package dev.switchboard.mcp.test;

import static dev.switchboard.mcp.test.McpTestClient.META_CAPABILITIES;
import static dev.switchboard.mcp.test.McpTestClient.META_CLIENT;
import static dev.switchboard.mcp.test.McpTestClient.META_LOG_LEVEL;
import static dev.switchboard.mcp.test.McpTestClient.META_VERSION;

import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.Tool;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a 2026-07-28 request carries besides its params: the {@code _meta} envelope (the revision, the
 * client's capabilities and name, the log level, a progress token) and the standard headers.
 */
final class Envelope {
  private final ProtocolVersion revision;
  private final ObjectNode capabilities;
  private final String clientName;
  private final String clientVersion;
  private final LoggingLevel logLevel;
  private final Function<String, Optional<Tool>> tools;

  Envelope(ProtocolVersion revision, ObjectNode capabilities, String clientName, String clientVersion,
      LoggingLevel logLevel, Function<String, Optional<Tool>> tools) {
    this.revision = revision;
    this.capabilities = capabilities;
    this.clientName = clientName;
    this.clientVersion = clientVersion;
    this.logLevel = logLevel;
    this.tools = tools;
  }

  /** The request's {@code _meta}: what the caller put there, and the revision's envelope. */
  ObjectNode meta(JsonNode given, String progressToken) {
    ObjectNode meta = given != null && given.isObject() ? (ObjectNode) given.deepCopy() : Json.object();
    meta.put(META_VERSION, revision.wireName());
    meta.set(META_CAPABILITIES, capabilities.deepCopy());
    meta.putObject(META_CLIENT).put("name", clientName).put("version", clientVersion);
    if (logLevel != null && !meta.has(META_LOG_LEVEL)) {
      meta.put(META_LOG_LEVEL, logLevel.wireName());
    }
    if (progressToken != null) {
      meta.put("progressToken", progressToken);
    }
    return meta;
  }

  /** The standard headers of a 2026-07-28 request: the revision, the method, the name, header arguments. */
  Map<String, String> statelessHeaders(String method, JsonNode params) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("MCP-Protocol-Version", revision.wireName());
    headers.put("Mcp-Method", method);
    switch (method) {
      case "tools/call", "prompts/get" -> headers.put("Mcp-Name", headerValue(params.path("name").asString("")));
      case "resources/read" -> headers.put("Mcp-Name", headerValue(params.path("uri").asString("")));
      default -> { }
    }
    if ("tools/call".equals(method)) {
      String name = params.path("name").asString("");
      Optional<Tool> tool = tools.apply(name);
      tool.ifPresent(declared -> mirrorArguments(declared, params.path("arguments"), headers));
    }
    return headers;
  }

  /** Arguments whose schema says {@code x-mcp-header} travel in {@code Mcp-Param-*} headers too. */
  private static void mirrorArguments(Tool tool, JsonNode arguments, Map<String, String> headers) {
    JsonNode properties = tool.inputSchema().path("properties");
    for (Map.Entry<String, JsonNode> property : properties.properties()) {
      JsonNode header = property.getValue().get("x-mcp-header");
      JsonNode value = arguments.get(property.getKey());
      if (header == null || !header.isString() || value == null || value.isNull()) {
        continue;
      }
      String text;
      if (value.isString()) {
        text = headerValue(value.asString());
      } else if (value.isNumber() || value.isBoolean()) {
        text = value.toString();
      } else {
        continue; // objects and arrays do not travel in headers
      }
      headers.put("Mcp-Param-" + header.asString(), text);
    }
  }

  /** A header value as 2026-07-28 writes it: as it is when it can be, else {@code =?base64?...?=}. */
  static String headerValue(String value) {
    boolean plain = !value.isEmpty() && value.equals(value.strip()) && !value.startsWith("=?base64?");
    for (int i = 0; plain && i < value.length(); i++) {
      char c = value.charAt(i);
      plain = c >= 0x20 && c <= 0x7e;
    }
    return plain ? value
        : "=?base64?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
  }
}
