package dev.switchboard.sample.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.testing.McpClient;
import dev.switchboard.mcp.testing.SseEvents;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

  private static String sql(String sql) {
    return McpClient.JSON.createObjectNode().put("sql", sql).toString();
  }

  private static JsonNode tool(JsonNode list, String name) {
    for (JsonNode tool : list.at("/result/tools")) {
      if (tool.get("name").asString().equals(name)) {
        return tool;
      }
    }
    throw new AssertionError("no tool " + name + " in " + list);
  }

  @Test
  void aQueryThatRunsTooLongIsStoppedAtTheTimeout() throws Exception {
    Database quick = Database.seeded(Duration.ofSeconds(1));
    ShopTools.Limits limits = new ShopTools.Limits(Duration.ofSeconds(1), 10_000, 1 << 20);
    try (JettyMcpServer server = JettyMcpServer.builder(ShopTools.server(quick, limits, false))
        .stopOnShutdown(false).start()) {
      McpClient other = new McpClient(server.uri());
      String session = other.openSession();
      long start = System.nanoTime();
      JsonNode result = other.call(session, 1, "query", sql("SELECT COUNT(*) FROM orders a, orders b, orders c"))
          .get("result");
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(result.get("isError").asBoolean(), result.toString());
      assertTrue(result.at("/content/0/text").asString().startsWith(
          "The query took too long: it was stopped after 1 second, the server's query timeout."), result.toString());
      assertTrue(millis >= 900 && millis < 5_000, "answered at the timeout, not before nor long after: " + millis);
      JsonNode plan = other.call(session, 2, "explain", sql("SELECT * FROM orders")).get("result");
      assertFalse(plan.has("isError") && plan.get("isError").asBoolean(), "a quick statement still runs: " + plan);
    }
    // H2's MAX_QUERY_TIMEOUT also stops a statement that sets no timeout of its own.
    long start = System.nanoTime();
    assertThrows(SQLTimeoutException.class, () -> quick.read(connection -> {
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM orders a, orders b, orders c")) {
        return rows.next();
      }
    }));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
  }

  @Test
  void longCellsAreCutAndALargeResultStopsEarly() throws Exception {
    String session = client.openSession("2025-11-25", CAPABILITIES);
    // The same million-character value in every row, and then a new one in every row, computed as rows are read.
    for (String big : List.of("REPEAT('x', 1000000)", "REPEAT('x', 1000000 + X - X)")) {
      long start = System.nanoTime();
      HttpResponse<String> response = client.post(session, McpClient.callBody(7, "query",
          "{\"sql\":\"SELECT X AS n, " + big + " AS big FROM SYSTEM_RANGE(1, 1000)\",\"limit\":1000}"));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(response.body().length() < 1_200_000, "the answer stays near the 1 MiB cap: "
          + response.body().length() + " characters");
      assertTrue(millis < 5_000, "answered quickly: " + millis + " ms");
      JsonNode result = McpClient.lastMessage(response).at("/result/structuredContent");
      assertTrue(result.get("truncated").asBoolean());
      // 10,000 characters of each big cell and a few of its number, until 1 MiB: 104 whole rows and one cut.
      assertEquals(105, result.get("rowCount").asInt(), result.get("truncation").asString());
      assertEquals("x".repeat(10_000) + "…", result.at("/rows/0/1").asString());
      assertTrue(result.at("/rows/104/1").asString().endsWith("…"));
      String truncation = result.get("truncation").asString();
      assertTrue(truncation.contains("105 cells were cut") && truncation.contains("result cap of 1048576"),
          truncation);
      String text = McpClient.lastMessage(response).at("/result/content/0/text").asString();
      assertTrue(text.contains("105 rows (reading stopped at the result cap"), text);
    }
  }

  @Test
  void binaryLargeAndOtherValuesReadAsText() throws Exception {
    String session = client.openSession("2025-11-25", CAPABILITIES);
    JsonNode row = call(session, "query", sql("SELECT X'00ff' AS b, CAST(REPEAT('y', 20000) AS CLOB) AS c,"
        + " CAST(STRINGTOUTF8(REPEAT('a', 6000)) AS BLOB) AS l, UUID '00000000-0000-0000-0000-000000000001' AS u,"
        + " ARRAY[1, 2] AS a, JSON '{\"k\":1}' AS j, 1.50 AS d, TRUE AS t, DATE '2024-02-29' AS dt"))
        .at("/structuredContent/rows/0");
    assertEquals("00ff", row.get(0).asString());
    assertEquals("y".repeat(10_000) + "…", row.get(1).asString());
    assertEquals("61".repeat(5_000) + "…", row.get(2).asString(), "binary shows as hex, cut at 10,000 digits");
    assertEquals("00000000-0000-0000-0000-000000000001", row.get(3).asString());
    assertEquals("[1, 2]", row.get(4).asString());
    assertEquals("{\"k\":1}", row.get(5).asString());
    assertEquals(1.50, row.get(6).asDouble());
    assertTrue(row.get(7).asBoolean());
    assertEquals("2024-02-29", row.get(8).asString());
  }

  @Test
  void moreThanOneStatementIsRefusedBeforeItReachesTheDatabase() throws Exception {
    String session = client.openSession("2025-11-25", CAPABILITIES);
    long before = count(session, "orders");
    JsonNode two = call(session, "query", sql("SELECT 1; DELETE FROM orders"));
    assertTrue(two.get("isError").asBoolean());
    assertTrue(two.at("/content/0/text").asString().startsWith("The query tool runs one statement at a time"),
        two.toString());
    JsonNode hidden = call(session, "query", sql("SELECT 1 // it's\n; DELETE FROM orders"));
    assertTrue(hidden.get("isError").asBoolean(), "H2's // comment does not hide the ';': " + hidden);
    JsonNode explain = call(session, "explain", sql("SELECT 1; DELETE FROM orders"));
    assertTrue(explain.get("isError").asBoolean());
    JsonNode quoted = call(session, "query", sql("SELECT ';' AS s, $$a;b$$ AS t -- the end;\n;"));
    assertEquals("[\";\",\"a;b\"]", quoted.at("/structuredContent/rows/0").toString(), quoted.toString());
    assertEquals(before, count(session, "orders"));
  }

  @Test
  void theQueryToolIsMarkedReadOnlyUnlessItsCredentialsCanWrite() throws Exception {
    String session = client.openSession("2025-11-25", CAPABILITIES);
    JsonNode query = tool(rpc(session, "tools/list", "{}"), "query");
    assertTrue(query.at("/annotations/readOnlyHint").asBoolean(), query.toString());
    try (JettyMcpServer writable = JettyMcpServer.builder(ShopTools.server(database, ShopTools.Limits.DEFAULTS, true))
        .stopOnShutdown(false).start()) {
      McpClient other = new McpClient(writable.uri());
      String second = other.openSession();
      JsonNode list = McpClient.lastMessage(other.post(second,
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}"));
      JsonNode unmarked = tool(list, "query");
      assertFalse(unmarked.at("/annotations/readOnlyHint").asBoolean(false), unmarked.toString());
      assertTrue(unmarked.get("description").asString().contains("can change data"), unmarked.toString());
    }
  }

  @Test
  void credentialsThatCanChangeDataAreFound() throws Exception {
    String url = "jdbc:h2:mem:rights-" + System.nanoTime();
    try (Connection admin = DriverManager.getConnection(url, "sa", ""); Statement statement = admin.createStatement()) {
      statement.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100))");
      statement.execute("INSERT INTO notes VALUES (1, 'first')");
      statement.execute("CREATE USER READER PASSWORD 'r'");
      statement.execute("GRANT SELECT ON SCHEMA PUBLIC TO READER");
      statement.execute("CREATE USER EDITOR PASSWORD 'e'");
      statement.execute("GRANT SELECT, UPDATE ON notes TO EDITOR");
      statement.execute("CREATE ROLE APPENDERS");
      statement.execute("GRANT INSERT ON notes TO APPENDERS");
      statement.execute("CREATE USER APPENDER PASSWORD 'a'");
      statement.execute("GRANT APPENDERS TO APPENDER");
      statement.execute("CREATE USER OWNER PASSWORD 'o'");
      statement.execute("CREATE SCHEMA MINE AUTHORIZATION OWNER");
      assertTrue(Database.external(url, "sa", "").writeAccess().orElseThrow().contains("H2 administrator"));
      assertEquals(Optional.empty(), Database.external(url, "READER", "r").writeAccess());
      assertEquals("its user may UPDATE PUBLIC.NOTES",
          Database.external(url, "EDITOR", "e").writeAccess().orElseThrow());
      assertEquals("its user may INSERT INTO PUBLIC.NOTES",
          Database.external(url, "APPENDER", "a").writeAccess().orElseThrow());
      assertTrue(Database.external(url, "OWNER", "o").writeAccess().orElseThrow().contains("owns the schema MINE"));
      try (ResultSet rows = statement.executeQuery("SELECT COUNT(*), MAX(body) FROM notes")) {
        rows.next();
        assertEquals(1, rows.getInt(1), "the checks changed nothing");
        assertEquals("first", rows.getString(2));
      }
    }
  }
}
