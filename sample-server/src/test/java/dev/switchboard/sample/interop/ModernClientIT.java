package dev.switchboard.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.sample.shop.Database;
import dev.switchboard.sample.shop.ShopTools;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official TypeScript SDK v2 client, pinned to 2026-07-28, against the sample shop: it negotiates
 * the stateless revision, lists the tools, and places an order whose confirmation it answers through
 * a multi-round result; the v1 client, on the same endpoint, still gets a session.
 */
class ModernClientIT {
  private static Database database;
  private static JettyMcpServer server;
  private static JsonNode observed;

  @BeforeAll
  static void runTheClients() throws Exception {
    database = Database.seeded();
    server = JettyMcpServer.builder(ShopTools.server(database)).stopOnShutdown(false).start();
    NodeTools.Result result = NodeTools.run(90, "modern-client.mjs", server.uri().toString(), "1", "2");
    assertEquals(0, result.exitCode(), "the clients failed:\n" + result.stdout() + "\n" + result.stderr());
    String[] lines = result.stdout().strip().split("\n");
    observed = JsonMapper.shared().readTree(lines[lines.length - 1]);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theV2ClientNegotiates20260728WithoutASession() {
    assertEquals("2026-07-28", observed.get("modernVersion").asString());
    assertEquals("modern", observed.get("modernEra").asString());
    assertTrue(observed.get("modernSessionId").isNull(), observed.toString());
    assertTrue(observed.get("modernTools").toString().contains("\"add_order\""), observed.toString());
  }

  @Test
  void theOrderIsConfirmedThroughAMultiRoundResultAndPlacedOnce() throws Exception {
    JsonNode order = observed.get("modernOrder");
    assertTrue(order.get("placed").asBoolean(), observed.toString());
    assertEquals(2, order.at("/order/quantity").asInt());
    assertEquals(1, observed.get("modernAsked").size(), "the client was asked once: " + observed);
    assertTrue(observed.at("/modernAsked/0").asString().startsWith("Place an order of 2 x "), observed.toString());
    int id = order.at("/order/id").asInt();
    long rows = database.read(connection -> {
      try (Statement statement = connection.createStatement();
          ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM orders WHERE id = " + id + " AND quantity = 2")) {
        row.next();
        return row.getLong(1);
      }
    });
    assertEquals(1, rows, "the order was written once, after the confirmation");
  }

  @Test
  void theV1ClientStillGetsASession() {
    assertEquals("2025-11-25", observed.get("legacyVersion").asString());
    assertTrue(observed.get("legacySessionId").asString().length() > 10, observed.toString());
    assertEquals(false, observed.at("/legacyOrder/placed").asBoolean(), "declined through a real elicitation");
  }
}
