package dev.switchboard.sample.shop;

import static dev.switchboard.mcp.test.McpAssertions.assertRpcError;
import static dev.switchboard.mcp.test.McpAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.test.BothEras;
import dev.switchboard.mcp.test.ClientScript;
import dev.switchboard.mcp.test.McpServerTest;
import dev.switchboard.mcp.test.McpTestClient;
import dev.switchboard.mcp.test.McpTestServer;
import dev.switchboard.mcp.test.NotificationStream;
import dev.switchboard.mcp.test.PendingCall;
import dev.switchboard.mcp.test.ServerQuestion;
import dev.switchboard.mcp.test.ServerUnderTest;
import dev.switchboard.mcp.test.SurfaceSnapshot;
import dev.switchboard.mcp.test.ToolResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample over its seeded database, through real HTTP, with the test kit: most tests run in both
 * eras (a session, and 2026-07-28 stateless requests) with the same code.
 */
@McpServerTest
class ShopToolsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Database DATABASE = seeded();

  private static Database seeded() {
    try {
      return Database.seeded();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The shop, with heartbeats every 200 ms: a 2026-07-28 call is cancelled when the server next writes. */
  @ServerUnderTest
  static McpTestServer.Builder server() {
    return McpTestServer.builder(ShopTools.server(DATABASE))
        .servlet(endpoint -> endpoint.heartbeatInterval(Duration.ofMillis(200)));
  }

  private static long count(McpTestClient client, String table) {
    return client.callTool("query", Map.of("sql", "SELECT COUNT(*) AS n FROM " + table))
        .structuredContent().orElseThrow().at("/rows/0/0").asLong();
  }

  private static ClientScript confirming(boolean confirm) {
    return ClientScript.acceptElicitation(Map.of("confirm", confirm));
  }

  @BothEras
  void listsAndDescribesTheTables(McpTestClient client) {
    ToolResult listed = client.callTool("list_tables");
    assertThat(listed).isNotError().matchesOutputSchema();
    JsonNode tables = listed.structuredContent().orElseThrow().get("tables");
    assertEquals(List.of("CUSTOMERS", "ORDERS", "PRODUCTS"), tables.findValuesAsString("name"));
    assertEquals(1000, tables.get(0).get("rows").asInt());
    assertTrue(tables.get(1).get("rows").asInt() >= 3000, "3,000 seeded orders, and any a test added");
    assertEquals(200, tables.get(2).get("rows").asInt());
    assertThat(client.callTool("describe_table", Map.of("table", "customers")))
        .matchesOutputSchema()
        .hasStructuredValue("/name", "CUSTOMERS")
        .hasStructuredValue("/columns/0/name", "ID")
        .hasStructuredValue("/columns/0/primaryKey", true);
    assertThat(client.callTool("describe_table", Map.of("table", "invoices")))
        .isErrorContaining("CUSTOMERS, ORDERS, PRODUCTS");
  }

  @BothEras
  void queriesReturnRowsAsDataAndAsATable(McpTestClient client) {
    assertThat(client.callTool("query", Map.of("sql", "SELECT id, name FROM products ORDER BY id", "limit", 2)))
        .isNotError()
        .matchesOutputSchema()
        .hasStructuredValue("/columns", List.of("ID", "NAME"))
        .hasStructuredValue("/rowCount", 2)
        .hasStructuredValue("/truncated", true)
        .hasTextContaining("ID | NAME", "2 rows (more rows exist");
  }

  @BothEras
  void aLongQueryReportsProgressWhileRowsStream(McpTestClient client) {
    assertThat(client.callTool("query", Map.of("sql", "SELECT * FROM orders", "limit", 250)))
        .reportedProgress(100, 200)
        .hasStructuredValue("/rowCount", 250);
  }

  @BothEras
  void writesAndBadSqlAreRefusedClearly(McpTestClient client) {
    long before = count(client, "orders");
    assertThat(client.callTool("query", Map.of("sql", "DELETE FROM orders")))
        .isErrorContaining("The query tool is read-only");
    assertEquals(before, count(client, "orders"), "nothing was deleted");
    assertThat(client.callTool("query", Map.of("sql", "SELEC nonsense"))).isErrorContaining("Syntax error");
    assertThat(client.callTool("explain", Map.of("sql", "SELECT * FROM orders WHERE customer_id = 5")))
        .hasTextContaining("ORDERS");
  }

  @BothEras
  void aCancelledQueryIsStoppedInTheDatabase(McpTestClient client) throws Exception {
    PendingCall heavy = client.call("query").argument("sql", "SELECT COUNT(*) FROM orders a, orders b, orders c")
        .sendAsync();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (runningCrossJoins() == 0) {
      assertTrue(System.nanoTime() < deadline, "the query never started");
      Thread.sleep(10);
    }
    heavy.cancel();
    assertTrue(heavy.awaitEnd(WAIT), "the cancelled call ended");
    assertFalse(heavy.isAnswered(), "a cancelled call gets no result");
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (runningCrossJoins() > 0) {
      assertTrue(System.nanoTime() < deadline, "the statement was cancelled in the database, not only its thread");
      Thread.sleep(10);
    }
  }

  /**
   * How many statements H2 is executing that contain the heavy query's cross join: the database's
   * own view of whether it runs, read as the administrator, who sees every session's statement (the
   * pattern is split so that this query does not find itself).
   */
  private static long runningCrossJoins() throws Exception {
    return DATABASE.write(connection -> {
      try (var statement = connection.createStatement(); var rows = statement.executeQuery(
          "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE POSITION('orders b, ' || 'orders c' IN EXECUTING_STATEMENT) > 0")) {
        rows.next();
        return rows.getLong(1);
      }
    });
  }

  @BothEras
  void addingAnOrderAsksForConfirmationThenNotifiesListeners(McpTestClient client) {
    long before = count(client, "orders");
    try (NotificationStream updates = client.listen("db://tables/ORDERS")) {
      ToolResult placed = client.call("add_order")
          .arguments(Map.of("customerId", 1, "productId", 2, "quantity", 3))
          .answering(confirming(true))
          .send();
      assertThat(placed)
          .asked(ServerQuestion.ELICITATION, "Place an order of 3 x")
          .hasStructuredValue("/placed", true)
          .hasStructuredValue("/order/quantity", 3)
          .matchesOutputSchema()
          .logged(LoggingLevel.INFO, "placed");
      assertEquals("boolean", placed.questions().get(0).requestedSchema().at("/properties/confirm/type").asString());
      updates.awaitResourceUpdated("db://tables/ORDERS", WAIT);
    }
    assertEquals(before + 1, count(client, "orders"), "placed once, however many rounds the call took");
  }

  @BothEras
  void aDeclinedOrUnconfirmedOrderIsNotPlaced(McpTestClient client) {
    long before = count(client, "orders");
    assertThat(client.call("add_order").arguments(Map.of("customerId", 2, "productId", 3, "quantity", 1))
        .answering(ClientScript.declineElicitation()).send())
        .hasStructuredValue("/placed", false)
        .hasTextContaining("(decline)");
    assertThat(client.call("add_order").arguments(Map.of("customerId", 2, "productId", 3, "quantity", 1))
        .answering(confirming(false)).send())
        .hasStructuredValue("/placed", false);
    assertEquals(before, count(client, "orders"));
  }

  @BothEras
  void resourcesCompletionAndPromptsDescribeTheData(McpTestClient client) {
    assertTrue(client.readResource("db://schema").text().contains("\"CUSTOMERS\""));
    assertTrue(client.readResource("db://tables/products").text().contains("\"sample\""));
    assertEquals(-32002, assertRpcError(-32002, () -> client.readResource("db://tables/nothing")).code());
    assertEquals(List.of("CUSTOMERS"), client.completeResource("db://tables/{name}", "name", "c").values());
    assertEquals(List.of("ORDERS"), client.completePrompt("analyze_table", "table", "o").values());
    assertEquals("resource", client.getPrompt("analyze_table", Map.of("table", "orders"))
        .at("/messages/0/content/type").asString());
    assertTrue(client.getPrompt("write_query", Map.of("question", "Who buys the most lamps?")).text()
        .contains("Who buys the most lamps?"));
  }

  @Test
  void theToolsDeclareWhatTheyPromise(McpTestClient client) {
    assertThat(client.tool("query")).isReadOnly().isNotOpenWorld().hasOutputSchema().requiresArguments("sql")
        .hasArgument("limit", "integer").accepts("{\"sql\": \"SELECT 1\"}").refuses("{\"limit\": 5}");
    assertThat(client.tool("add_order")).isNotReadOnly().isNotDestructive()
        .requiresArguments("customerId", "productId", "quantity").hasArgument("quantity", "integer");
  }

  @Test
  void theShopsSurfaceIsTheCheckedInOne(McpTestClient client) {
    SurfaceSnapshot.of(client).assertMatches(Path.of("src/test/resources/mcp-surface.json"));
  }

  @BothEras
  void manyShoppersAtOnceEachGetTheirOwnRows(McpTestServer server, McpTestClient client) throws Exception {
    server.agents(16).callsEach(3)
        .run((shopper, payload) -> shopper.callTool("query", Map.of("sql", "SELECT '" + payload + "' AS p")).text())
        .assertEveryReplyReachedItsCaller();
  }

  @Test
  void anotherDatabaseCanBeServedAndStaysUnchangedByTheQueryTool() throws Exception {
    String url = "jdbc:h2:mem:external-" + System.nanoTime();
    try (Connection keep = DriverManager.getConnection(url, "sa", ""); Statement statement = keep.createStatement()) {
      statement.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100))");
      statement.execute("INSERT INTO notes VALUES (1, 'first'), (2, 'second')");
      try (McpTestServer external = McpTestServer.start(ShopTools.server(Database.external(url, "sa", "")))) {
        McpTestClient other = external.client();
        assertThat(other.callTool("list_tables")).hasStructuredContent("{\"tables\": [{\"name\": \"NOTES\", \"rows\": 2}]}");
        assertThat(other.callTool("query", Map.of("sql", "DELETE FROM notes"))).isError();
        assertThat(other.callTool("query", Map.of("sql", "SELECT COUNT(*) FROM notes")))
            .hasStructuredValue("/rows/0/0", 2);
      }
    }
  }

  @Test
  void aQueryThatRunsTooLongIsStoppedAtTheTimeout() throws Exception {
    Database quick = Database.seeded(Duration.ofSeconds(1));
    ShopTools.Limits limits = new ShopTools.Limits(Duration.ofSeconds(1), 10_000, 1 << 20);
    try (McpTestServer server = McpTestServer.start(ShopTools.server(quick, limits, false))) {
      McpTestClient other = server.client();
      long start = System.nanoTime();
      ToolResult result = other.callTool("query", Map.of("sql", "SELECT COUNT(*) FROM orders a, orders b, orders c"));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(result).isErrorContaining(
          "The query took too long: it was stopped after 1 second, the server's query timeout.");
      assertTrue(millis >= 900 && millis < 5_000, "answered at the timeout, not before nor long after: " + millis);
      assertThat(other.callTool("explain", Map.of("sql", "SELECT * FROM orders"))).isNotError();
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
  void longCellsAreCutAndALargeResultStopsEarly(McpTestClient client) {
    // The same million-character value in every row, and then a new one in every row, computed as rows are read.
    for (String big : List.of("REPEAT('x', 1000000)", "REPEAT('x', 1000000 + X - X)")) {
      long start = System.nanoTime();
      ToolResult result = client.callTool("query",
          Map.of("sql", "SELECT X AS n, " + big + " AS big FROM SYSTEM_RANGE(1, 1000)", "limit", 1000));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      int size = JsonMapper.shared().writeValueAsString(result.json()).length();
      assertTrue(size < 1_200_000, "the answer stays near the 1 MiB cap: " + size + " characters");
      assertTrue(millis < 5_000, "answered quickly: " + millis + " ms");
      JsonNode rows = result.structuredContent().orElseThrow();
      assertTrue(rows.get("truncated").asBoolean());
      // 10,000 characters of each big cell and a few of its number, until 1 MiB: 104 whole rows and one cut.
      assertEquals(105, rows.get("rowCount").asInt(), rows.get("truncation").asString());
      assertEquals("x".repeat(10_000) + "…", rows.at("/rows/0/1").asString());
      assertTrue(rows.at("/rows/104/1").asString().endsWith("…"));
      String truncation = rows.get("truncation").asString();
      assertTrue(truncation.contains("105 cells were cut") && truncation.contains("result cap of 1048576"),
          truncation);
      assertThat(result).hasTextContaining("105 rows (reading stopped at the result cap");
    }
  }

  @Test
  void binaryLargeAndOtherValuesReadAsText(McpTestClient client) {
    JsonNode row = client.callTool("query", Map.of("sql", "SELECT X'00ff' AS b, CAST(REPEAT('y', 20000) AS CLOB)"
        + " AS c, CAST(STRINGTOUTF8(REPEAT('a', 6000)) AS BLOB) AS l, UUID '00000000-0000-0000-0000-000000000001' AS u,"
        + " ARRAY[1, 2] AS a, JSON '{\"k\":1}' AS j, 1.50 AS d, TRUE AS t, DATE '2024-02-29' AS dt"))
        .structuredContent().orElseThrow().at("/rows/0");
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

  @BothEras
  void moreThanOneStatementIsRefusedBeforeItReachesTheDatabase(McpTestClient client) {
    long before = count(client, "orders");
    assertThat(client.callTool("query", Map.of("sql", "SELECT 1; DELETE FROM orders")))
        .isErrorContaining("The query tool runs one statement at a time");
    assertThat(client.callTool("query", Map.of("sql", "SELECT 1 // it's\n; DELETE FROM orders")))
        .isError(); // H2's // comment does not hide the ';'
    assertThat(client.callTool("explain", Map.of("sql", "SELECT 1; DELETE FROM orders"))).isError();
    assertThat(client.callTool("query", Map.of("sql", "SELECT ';' AS s, $$a;b$$ AS t -- the end;\n;")))
        .hasStructuredValue("/rows/0", List.of(";", "a;b"));
    assertEquals(before, count(client, "orders"));
  }

  @Test
  void theQueryToolIsMarkedReadOnlyUnlessItsCredentialsCanWrite(McpTestClient client) {
    assertThat(client.tool("query")).isReadOnly();
    try (McpTestServer writable = McpTestServer.start(ShopTools.server(DATABASE, ShopTools.Limits.DEFAULTS, true))) {
      assertThat(writable.client().tool("query")).isNotReadOnly().hasDescriptionContaining("can change data");
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
