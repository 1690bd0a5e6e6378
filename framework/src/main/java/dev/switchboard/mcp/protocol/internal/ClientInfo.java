package dev.switchboard.mcp.protocol.internal;

import dev.switchboard.mcp.protocol.Implementation;
import tools.jackson.databind.JsonNode;

/** Reads the client's self-description, keeping only its name and version, each of bounded length. */
public final class ClientInfo {
  private static final int MAX_LENGTH = 256;

  private ClientInfo() {}

  /**
   * Reads a {@code clientInfo} object.
   *
   * @param info the JSON value, possibly missing
   * @return the name and version, {@code unknown} where absent, cut to 256 characters
   */
  public static Implementation read(JsonNode info) {
    return Implementation.of(Texts.clip(info.path("name").asString("unknown"), MAX_LENGTH),
        Texts.clip(info.path("version").asString("unknown"), MAX_LENGTH));
  }
}
