package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.internal.JsonRpcRequest;
import dev.switchboard.mcp.protocol.internal.Texts;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reads a request's parameters; what is missing or mistyped is an invalid-params error (-32602). */
final class Params {
  private Params() {}

  /** A request's parameters, which every method that reads them requires. */
  static JsonNode of(JsonRpcRequest request) {
    JsonNode params = request.params();
    if (params == null) {
      throw McpException.invalidParams(request.method() + " needs params");
    }
    return params;
  }

  static String requireString(@Nullable JsonNode params, String name, String method) {
    JsonNode node = params == null ? null : params.get(name);
    if (node == null || !node.isString()) {
      throw McpException.invalidParams(method + " needs a string \"" + name + "\"");
    }
    return node.stringValue();
  }

  static Map<String, String> stringMap(@Nullable JsonNode node, String what) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw McpException.invalidParams(what + " must be an object");
    }
    Map<String, String> map = new LinkedHashMap<>();
    node.forEachEntry((key, value) -> map.put(key, value.isString() ? value.stringValue() : value.toString()));
    return map;
  }

  static LoggingLevel logLevel(@Nullable JsonNode params) {
    String level = requireString(params, "level", "logging/setLevel");
    return LoggingLevel.fromWire(level).orElseThrow(() -> McpException.invalidParams("Unknown log level: " + Texts.echo(level)));
  }
}
