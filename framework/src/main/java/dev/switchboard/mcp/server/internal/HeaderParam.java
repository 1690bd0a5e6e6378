package dev.switchboard.mcp.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool argument the client must mirror into an {@code Mcp-Param-<header>} HTTP header
 * (2026-07-28, {@code x-mcp-header} in the input schema), so gateways can route on it without
 * reading the body. The server checks that the header and the body agree.
 *
 * @param property the argument's name
 * @param header the header's suffix, as declared
 */
public record HeaderParam(String property, String header) {
  /** A header name is a token (RFC 9110); the spec also excludes nothing else. */
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** The full header name. */
  public String headerName() {
    return "Mcp-Param-" + header;
  }

  /**
   * Reads the {@code x-mcp-header} properties of a tool's input schema.
   *
   * @throws IllegalArgumentException when a declaration is not a usable header name, or two collide
   */
  static List<HeaderParam> of(String tool, ObjectNode inputSchema) {
    List<HeaderParam> params = new ArrayList<>();
    JsonNode properties = inputSchema.get("properties");
    if (properties == null || !properties.isObject()) {
      return List.of();
    }
    List<String> seen = new ArrayList<>();
    properties.forEachEntry((name, property) -> {
      JsonNode header = property.get("x-mcp-header");
      if (header == null) {
        return;
      }
      if (!header.isString() || !TOKEN.matcher(header.stringValue()).matches()) {
        throw new IllegalArgumentException("tool '" + tool + "': property '" + name
            + "' has an x-mcp-header that is not a header name: " + header);
      }
      String lower = header.stringValue().toLowerCase(Locale.ROOT);
      if (seen.contains(lower)) {
        throw new IllegalArgumentException("tool '" + tool + "': two properties use x-mcp-header '" + header.stringValue()
            + "' (header names ignore case)");
      }
      seen.add(lower);
      params.add(new HeaderParam(name, header.stringValue()));
    });
    return List.copyOf(params);
  }
}
