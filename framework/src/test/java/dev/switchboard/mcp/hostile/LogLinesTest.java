package dev.switchboard.mcp.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.internal.Texts;
import dev.switchboard.mcp.session.internal.ClientQuotas;
import dev.switchboard.mcp.session.internal.StatelessCaller;
import dev.switchboard.mcp.session.internal.StatelessCalls;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a client sends and a log line repeats cannot start a line of its own, nor fill the log. */
class LogLinesTest {
  private static final String FORGED = "x\r\n2026-12-06 05:00:00.000:ERROR:forged: the server is down\u001b[31m";

  @Test
  void aRequestIdIsLoggedOnOneLine() {
    String logged = RequestId.of(FORGED).toString();
    assertFalse(logged.contains("\n") || logged.contains("\r") || logged.contains("\u001b"), logged);
    assertTrue(logged.contains("\\u000a"), logged);
    assertEquals("7", RequestId.of(7).toString());
  }

  @Test
  void aStatelessCallersClientNameIsLoggedOnOneLineAndShort() {
    StatelessCaller caller = new StatelessCaller(ProtocolVersion.values()[ProtocolVersion.values().length - 1],
        new Implementation(FORGED + "y".repeat(10_000), "1", null, null, null, List.of()), ClientCapabilities.none(),
        null, new StatelessCalls(ClientQuotas.unlimited()),
        "127.0.0.1");
    String logged = caller.describe();
    assertFalse(logged.contains("\n") || logged.contains("\r"), logged);
    assertTrue(logged.length() < Texts.ECHO_LIMIT + 64, "at most a short prefix: " + logged.length());
  }
}
