package dev.switchboard.mcp.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.internal.ClientInfo;
import dev.switchboard.mcp.session.internal.ResourceSubscriptions;
import dev.switchboard.mcp.session.internal.SessionState;
import dev.switchboard.mcp.session.internal.SessionStore;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a session keeps of a client's self-description for its whole life is small whatever the client
 * sends: the capabilities' names and flags (16 × 16 names of at most 64 characters) and a name and
 * version of at most 256 characters.
 */
class ClientFactsTest {
  private static final JsonMapper JSON = JsonMapper.shared();

  @Test
  void capabilitiesKeepOnlyABoundedSetOfNamesAndFlags() {
    ObjectNode sent = JSON.createObjectNode();
    sent.putObject("sampling");
    sent.putObject("elicitation").putObject("url").put("huge", "z".repeat(100_000));
    sent.put("roots", "not an object");
    sent.putObject("n".repeat(65));
    for (int i = 0; i < 100; i++) {
      ObjectNode capability = sent.putObject("extra" + i);
      for (int j = 0; j < 100; j++) {
        capability.put("feature" + j, j % 2 == 0);
        capability.put("text" + j, "t".repeat(1_000));
      }
    }
    ClientCapabilities kept = ClientCapabilities.fromJson(sent);
    ObjectNode json = kept.toJson();
    assertTrue(kept.has("sampling") && kept.has("elicitation", "url"));
    assertFalse(kept.has("roots"), "a capability is an object");
    assertFalse(kept.has("n".repeat(65)), "names over 64 characters are dropped");
    assertEquals(16, json.size());
    json.forEach(capability -> assertTrue(capability.size() <= 16, capability.toString()));
    assertTrue(json.toString().length() < 16 * 16 * 80, "no values but flags: " + json.toString().length());
    assertFalse(json.toString().contains("zzz") || json.toString().contains("ttt"));
  }

  @Test
  void clientInfoKeepsAShortNameAndVersion() {
    ObjectNode sent = JSON.createObjectNode();
    sent.put("name", "a".repeat(1_000_000));
    sent.put("version", "1\n2");
    sent.put("description", "d".repeat(1_000_000));
    Implementation kept = ClientInfo.read(sent);
    assertTrue(kept.name().length() <= 257, "cut to 256 characters and an ellipsis");
    assertFalse(kept.version().contains("\n"));
    assertEquals(null, kept.description());
  }

  @Test
  void aSessionSubscribesToAtMostAHundredResourcesOfShortUris() {
    ResourceSubscriptions subscriptions = newSession().subscriptions();
    for (int i = 0; i < ResourceSubscriptions.MAX; i++) {
      subscriptions.add("mem://r/" + i);
    }
    subscriptions.add("mem://r/0"); // again: no new entry
    McpException full = assertThrows(McpException.class, () -> subscriptions.add("mem://r/new"));
    assertEquals(ErrorCodes.INVALID_PARAMS, full.code());
    subscriptions.remove("mem://r/1");
    subscriptions.add("mem://r/new");
    McpException tooLong = assertThrows(McpException.class,
        () -> newSession().subscriptions().add("mem://" + "x".repeat(ResourceSubscriptions.MAX_URI)));
    assertEquals(ErrorCodes.INVALID_PARAMS, tooLong.code());
  }

  private static SessionState newSession() {
    return SessionStore.builder().build().create(ProtocolVersion.V2025_06_18, Implementation.of("c", "1"),
        ClientCapabilities.fromJson(null));
  }
}
