package dev.switchboard.sample.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.SseEvents;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The sample over its seeded database, through real HTTP. */
class ShopToolsTest {
  private static final String CAPABILITIES = "{\"elicitation\":{}}";
  private static Database database;
  private static JettyMcpServer jetty;
  private static McpClient client;

  @BeforeAll
  static void start() throws Exception {
    database = Database.seeded();
    jetty = JettyMcpServer.builder(ShopTools.server(database)).stopOnShutdown(false).start();
    client = new McpClient(jetty.uri());
  }

  @AfterAll
  static void stop() {
    jetty.close();
  }

  private static JsonNode call(String session, String tool, String arguments) throws Exception {
    return client.call(session, 1, tool, arguments).get("result");
  }

  private static JsonNode rpc(String session, String method, String params) throws Exception {
    return McpClient.lastMessage(client.post(session,
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"" + method + "\",\"params\":" + params + "}"));
  }

  private static long count(String session, String table) throws Exception {
    return call(session, "query", "{\"sql\":\"SELECT COUNT(*) AS n FROM " + table + "\"}")
        .at("/structuredContent/rows/0/0").asLong();
  }

  @Test
  void listsAndDescribesTheTables() throws Exception {
    String session = client.openSession("2025-11-25", CAPABILITIES);
    JsonNode tables = call(session, "list_tables", "{}").get("structuredContent").get("tables");
    assertEquals(List.of("CUSTOMERS", "ORDERS", "PRODUCTS"), tables.findValuesAsString("name"));
    assertEquals(1000, tables.get(0).get("rows").asInt());
    assertTrue(tables.get(1).get("rows").asInt() >= 3000, "3,000 seeded orders, and any a test added");
    assertEquals(200, tables.get(2).get("rows").asInt());
    JsonNode customers = call(session, "describe_table", "{\"table\":\"customers\"}").get("structuredContent");
    assertEquals("CUSTOMERS", customers.get("name").asString());
    assertEquals("ID", customers.at("/columns/0/name").asString());
    assertTrue(customers.at("/columns/0/primaryKey").asBoolean());
    JsonNode missing = call(session, "describe_table", "{\"table\":\"invoices\"}");
    assertTrue(missing.get("isError").asBoolean());
    assertTrue(missing.at("/content/0/text").asString().contains("CUSTOMERS, ORDERS, PRODUCTS"));
  }

  @Test
  void queriesReturnRowsAsDataAndAsATable() throws Exception {
    String session = client.openSession("2025-11-25", CAPABILITIES);
    JsonNode result = call(session, "query",
        "{\"sql\":\"SELECT id, name FROM products ORDER BY id\",\"limit\":2}");
    assertEquals("[\"ID\",\"NAME\"]", result.at("/structuredContent/columns").toString());
    assertEquals(2, result.at("/structuredContent/rowCount").asInt());
    assertTrue(result.at("/structuredContent/truncated").asBoolean());
    String text = result.at("/content/0/text").asString();
    assertTrue(text.startsWith("ID | NAME"), text);
    assertTrue(text.contains("2 rows (more rows exist"), text);
  }

  @Test
  void aLongQueryReportsProgressWhileRowsStream() throws Exception {
    String session = client.openSession("2025-11-25", CAPABILITIES);
    HttpResponse<String> response = client.post(session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
        + "\"params\":{\"name\":\"query\",\"arguments\":{\"sql\":\"SELECT * FROM orders\",\"limit\":250},"
        + "\"_meta\":{\"progressToken\":\"rows\"}}}");
    List<SseEvents.Event> events = SseEvents.messages(SseEvents.parse(response.body()));
    assertEquals(3, events.size(), "progress at 100 and 200 rows, then the result");
    assertEquals(200, McpClient.JSON.readTree(events.get(1).data()).at("/params/progress").asInt());
    assertEquals(250, McpClient.JSON.readTree(events.get(2).data()).at("/result/structuredContent/rowCount").asInt());
  }

  @Test
  void writesAndBadSqlAreRefusedClearly() throws Exception {
    String session = client.openSession("2025-11-25", CAPABILITIES);
    long before = count(session, "orders");
    JsonNode write = call(session, "query", "{\"sql\":\"DELETE FROM orders\"}");
    assertTrue(write.get("isError").asBoolean());
    assertTrue(write.at("/content/0/text").asString().startsWith("The query tool is read-only"));
    assertEquals(before, count(session, "orders"), "nothing was deleted");
    JsonNode bad = call(session, "query", "{\"sql\":\"SELEC nonsense\"}");
    assertTrue(bad.get("isError").asBoolean());
    assertTrue(bad.at("/content/0/text").asString().contains("Syntax error"), bad.toString());
    JsonNode plan = call(session, "explain", "{\"sql\":\"SELECT * FROM orders WHERE customer_id = 5\"}");
    assertTrue(plan.at("/content/0/text").asString().contains("ORDERS"));
  }

  @Test
  void aCancelledQueryIsStoppedInTheDatabase() throws Exception {
    String session = client.openSession("2025-11-25", CAPABILITIES);
    CompletableFuture<HttpResponse<String>> heavy = client.postAsync(session, McpClient.callBody("heavy", "query",
        "{\"sql\":\"SELECT COUNT(*) FROM orders a, orders b, orders c\"}"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (runningCrossJoins() == 0) {
      assertTrue(System.nanoTime() < deadline, "the query never started");
    }
    client.post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"heavy\"}}");
    assertEquals(200, heavy.get(10, TimeUnit.SECONDS).statusCode(), "the cancelled call's POST ended");
    assertEquals(0, runningCrossJoins(), "the statement was cancelled in the database, not only its thread");
  }

  /**
   * How many statements H2 is executing that contain the heavy query's cross join: the database's
   * own view of whether it runs, read as the administrator, who sees every session's statement (the
   * pattern is split so that this query does not find itself).
   */
  private static long runningCrossJoins() throws Exception {
    return database.write(connection -> {
      try (var statement = connection.createStatement(); var rows = statement.executeQuery(
          "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE POSITION('orders b, ' || 'orders c' IN EXECUTING_STATEMENT) > 0")) {
        rows.next();
        return rows.getLong(1);
      }
    });
  }

  @Test
  void addingAnOrderAsksForConfirmationThenNotifiesSubscribers() throws Exception {
    String session = client.openSession("2025-11-25", CAPABILITIES);
    long before = count(session, "orders");
    rpc(session, "resources/subscribe", "{\"uri\":\"db://tables/ORDERS\"}");
    try (SseEvents updates = client.listen(session)) {
      HttpResponse<InputStream> response = client.postStreaming(session,
          McpClient.callBody(5, "add_order", "{\"customerId\":1,\"productId\":2,\"quantity\":3}"));
      try (SseEvents events = SseEvents.of(response)) {
        JsonNode ask = McpClient.JSON.readTree(events.nextMessage(Duration.ofSeconds(10)).data());
        assertEquals("elicitation/create", ask.get("method").asString());
        assertTrue(ask.at("/params/message").asString().contains("3 x"), ask.toString());
        assertEquals("boolean", ask.at("/params/requestedSchema/properties/confirm/type").asString());
        client.post(session, "{\"jsonrpc\":\"2.0\",\"id\":" + ask.get("id")
            + ",\"result\":{\"action\":\"accept\",\"content\":{\"confirm\":true}}}");
        JsonNode result = null;
        for (SseEvents.Event event = events.nextMessage(Duration.ofSeconds(10)); event != SseEvents.END && event != null;
            event = events.nextMessage(Duration.ofSeconds(10))) {
          JsonNode message = McpClient.JSON.readTree(event.data());
          if (message.has("result")) {
            result = message.get("result");
          }
        }
        assertTrue(result.at("/structuredContent/placed").asBoolean(), String.valueOf(result));
        assertEquals(3, result.at("/structuredContent/order/quantity").asInt());
      }
      JsonNode updated = McpClient.JSON.readTree(updates.nextMessage(Duration.ofSeconds(5)).data());
      assertEquals("notifications/resources/updated", updated.get("method").asString());
      assertEquals("db://tables/ORDERS", updated.at("/params/uri").asString());
    }
    assertEquals(before + 1, count(session, "orders"));
  }

  @Test
  void aDeclinedOrderIsNotPlaced() throws Exception {
    String session = client.openSession("2025-11-25", CAPABILITIES);
    long before = count(session, "orders");
    try (SseEvents events = SseEvents.of(client.postStreaming(session,
        McpClient.callBody(6, "add_order", "{\"customerId\":2,\"productId\":3,\"quantity\":1}")))) {
      JsonNode ask = McpClient.JSON.readTree(events.nextMessage(Duration.ofSeconds(10)).data());
      client.post(session, "{\"jsonrpc\":\"2.0\",\"id\":" + ask.get("id") + ",\"result\":{\"action\":\"decline\"}}");
      JsonNode result = McpClient.JSON.readTree(events.nextMessage(Duration.ofSeconds(10)).data()).get("result");
      assertFalse(result.at("/structuredContent/placed").asBoolean());
    }
    assertEquals(before, count(session, "orders"));
  }

  @Test
  void resourcesCompletionAndPromptsDescribeTheData() throws Exception {
    String session = client.openSession("2025-11-25", CAPABILITIES);
    JsonNode schema = rpc(session, "resources/read", "{\"uri\":\"db://schema\"}");
    assertTrue(schema.at("/result/contents/0/text").asString().contains("\"CUSTOMERS\""));
    JsonNode table = rpc(session, "resources/read", "{\"uri\":\"db://tables/products\"}");
    assertTrue(table.at("/result/contents/0/text").asString().contains("\"sample\""));
    assertEquals(-32002, rpc(session, "resources/read", "{\"uri\":\"db://tables/nothing\"}").at("/error/code").asInt());
    JsonNode completion = rpc(session, "completion/complete",
        "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"db://tables/{name}\"},\"argument\":{\"name\":\"name\",\"value\":\"c\"}}");
    assertEquals("[\"CUSTOMERS\"]", completion.at("/result/completion/values").toString());
    JsonNode analyze = rpc(session, "prompts/get", "{\"name\":\"analyze_table\",\"arguments\":{\"table\":\"orders\"}}");
    assertEquals("resource", analyze.at("/result/messages/0/content/type").asString());
    JsonNode write = rpc(session, "prompts/get",
        "{\"name\":\"write_query\",\"arguments\":{\"question\":\"Who buys the most lamps?\"}}");
    assertTrue(write.at("/result/messages/0/content/text").asString().contains("Who buys the most lamps?"));
  }

  @Test
  void anotherDatabaseCanBeServedAndStaysUnchangedByTheQueryTool() throws Exception {
    String url = "jdbc:h2:mem:external-" + System.nanoTime();
    try (Connection keep = DriverManager.getConnection(url, "sa", ""); Statement statement = keep.createStatement()) {
      statement.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100))");
      statement.execute("INSERT INTO notes VALUES (1, 'first'), (2, 'second')");
      try (JettyMcpServer external = JettyMcpServer.builder(ShopTools.server(Database.external(url, "sa", "")))
          .stopOnShutdown(false).start()) {
        McpClient other = new McpClient(external.uri());
        String session = other.openSession();
        JsonNode tables = other.call(session, 1, "list_tables", "{}").at("/result/structuredContent/tables");
        assertEquals("[{\"name\":\"NOTES\",\"rows\":2}]", tables.toString());
        JsonNode delete = other.call(session, 2, "query", "{\"sql\":\"DELETE FROM notes\"}").get("result");
        assertTrue(delete.get("isError").asBoolean());
        JsonNode count = other.call(session, 3, "query", "{\"sql\":\"SELECT COUNT(*) FROM notes\"}");
        assertEquals(2, count.at("/result/structuredContent/rows/0/0").asInt(), "the delete was rolled back");
      }
    }
  }
}
