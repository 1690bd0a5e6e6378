package dev.switchboard.sample.shop;

import dev.switchboard.mcp.annotations.McpComplete;
import dev.switchboard.mcp.annotations.McpParam;
import dev.switchboard.mcp.annotations.McpPrompt;
import dev.switchboard.mcp.annotations.McpResource;
import dev.switchboard.mcp.annotations.McpTool;
import dev.switchboard.mcp.protocol.ElicitationResult;
import dev.switchboard.mcp.protocol.EmbeddedResource;
import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.PromptMessage;
import dev.switchboard.mcp.protocol.ResourceContents;
import dev.switchboard.mcp.protocol.Role;
import dev.switchboard.mcp.protocol.StructuredResult;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.server.RequestContext;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample's tools, resources and prompts: an MCP server over a SQL database, the thing teams build
 * most often. Queries are read-only at the connection, stream progress, and stop when cancelled; the
 * one write asks the user to confirm first and tells subscribers that the orders changed.
 */
public class ShopTools {
  /** The most rows a query may return. */
  static final int MAX_ROWS = 1000;

  private final Database database;
  private final AtomicReference<McpServer> server = new AtomicReference<>();

  /**
   * A table and its size.
   *
   * @param name the table
   * @param rows how many rows it holds
   */
  public record TableSummary(String name, long rows) {}

  /**
   * The tables of the database.
   *
   * @param tables every table
   */
  public record TableList(List<TableSummary> tables) {}

  /**
   * A column.
   *
   * @param name its name
   * @param type its SQL type
   * @param nullable whether it may be null
   * @param primaryKey whether it is part of the primary key
   */
  public record Column(String name, String type, boolean nullable, boolean primaryKey) {}

  /**
   * A table's columns and size.
   *
   * @param name the table
   * @param columns its columns, in order
   * @param rows how many rows it holds
   */
  public record TableDescription(String name, List<Column> columns, long rows) {}

  /**
   * The rows a query returned.
   *
   * @param columns the column names
   * @param rows the rows, each a list of values
   * @param rowCount how many rows were returned
   * @param truncated whether more rows existed than the limit allowed
   */
  public record QueryResult(List<String> columns, List<List<@Nullable Object>> rows, int rowCount, boolean truncated) {}

  /**
   * A placed order.
   *
   * @param id the order's id
   * @param customer who ordered
   * @param product what
   * @param quantity how many
   * @param total the price of them all
   * @param status the order's status
   */
  public record Order(int id, String customer, String product, int quantity, BigDecimal total, String status) {}

  /**
   * What became of an order the user was asked to confirm.
   *
   * @param placed whether it was placed
   * @param message what happened, in words
   * @param order the order, when placed
   */
  public record OrderOutcome(boolean placed, String message, @Nullable Order order) {}

  /**
   * The confirmation asked of the user before an order is placed.
   *
   * @param confirm whether to place it
   */
  public record Confirmation(
      @McpParam(title = "Place this order?", description = "Check to place the order") boolean confirm) {}

  /**
   * A table with a few of its rows.
   *
   * @param table the table
   * @param sample its first rows
   */
  public record TablePreview(TableDescription table, QueryResult sample) {}

  /**
   * Creates the handlers.
   *
   * @param database where the data lives
   */
  public ShopTools(Database database) {
    this.database = database;
  }

  /**
   * Builds a server over a database.
   *
   * @param database the database
   * @return the server
   */
  public static McpServer server(Database database) {
    ShopTools tools = new ShopTools(database);
    McpServer server = McpServer.builder("switchboard-sample", "0.1.0")
        .title("Switchboard sample: a shop database")
        .instructions("This server exposes a SQL database of customers, products and orders. Use list_tables and"
            + " describe_table to learn the schema, query to read data (read-only, at most " + MAX_ROWS + " rows),"
            + " and add_order to place an order (the user confirms it).")
        .register(tools)
        .build();
    tools.server.set(server);
    return server;
  }

  @McpTool(name = "list_tables", description = "Lists the database's tables and how many rows each holds",
      readOnly = true, openWorld = false)
  public TableList listTables() throws SQLException {
    return database.read(connection -> {
      List<TableSummary> tables = new ArrayList<>();
      for (String name : Schema.tableNames(connection)) {
        tables.add(new TableSummary(name, Schema.describe(connection, name).rows()));
      }
      return new TableList(tables);
    });
  }

  @McpTool(name = "describe_table", description = "Describes a table: its columns, their types, and its size",
      readOnly = true, openWorld = false)
  public TableDescription describeTable(@McpParam(description = "The table's name") String table)
      throws SQLException {
    return database.read(connection -> Schema.describe(connection, Schema.require(connection, table)));
  }

  @McpTool(name = "query", description = "Runs a read-only SQL query and returns its rows, at most `limit` of them."
      + " Writes are refused by the database.", readOnly = true, openWorld = false)
  public StructuredResult<QueryResult> query(@McpParam(description = "A SQL query, such as a SELECT") String sql,
      @McpParam(description = "The most rows to return, 1 to 1000", defaultValue = "100") int limit,
      RequestContext context) throws SQLException {
    if (limit < 1 || limit > MAX_ROWS) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_ROWS + ", was " + limit);
    }
    QueryResult result = database.read(connection -> run(connection, sql, limit,
        rows -> context.progress(rows, (double) limit, rows + " rows read"), context::onCancel));
    return new StructuredResult<>(result, TextTable.render(result.columns(), result.rows())
        + result.rowCount() + " row" + (result.rowCount() == 1 ? "" : "s") + (result.truncated()
            ? " (more rows exist; raise the limit or narrow the query)" : ""));
  }

  private static QueryResult run(Connection connection, String sql, int limit, IntConsumer progress,
      Consumer<Runnable> onCancel) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      // A cancelled call stops its query in the database, not just its thread.
      onCancel.accept(() -> cancel(statement));
      statement.setMaxRows(limit + 1);
      if (!statement.execute(sql)) {
        throw new IllegalArgumentException("The statement returned no rows; the query tool only reads data.");
      }
      try (ResultSet rows = statement.getResultSet()) {
        List<String> columns = Schema.columnNames(rows.getMetaData());
        List<List<@Nullable Object>> read = new ArrayList<>();
        while (read.size() < limit && rows.next()) {
          read.add(Schema.row(rows, columns.size()));
          if (read.size() % 100 == 0) {
            progress.accept(read.size());
          }
        }
        boolean truncated = read.size() == limit && rows.next();
        return new QueryResult(columns, read, read.size(), truncated);
      }
    } catch (SQLException e) {
      throw refusal(e);
    }
  }

  private static void cancel(Statement statement) {
    try {
      statement.cancel();
    } catch (SQLException e) {
      // the statement already finished
    }
  }

  /** Says clearly when a statement was refused because it tried to write; otherwise the database's message. */
  private static RuntimeException refusal(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    boolean readOnly = e.getErrorCode() == 90096 || state.equals("42501") || state.equals("25006")
        || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("read-only");
    if (readOnly) {
      return new IllegalStateException("The query tool is read-only: the database refused to change data ("
          + e.getMessage() + "). Use add_order to place an order.", e);
    }
    return new IllegalArgumentException("The database rejected the query: " + e.getMessage(), e);
  }

  @McpTool(name = "explain", description = "Shows how the database would run a query, without running it",
      readOnly = true, openWorld = false)
  public String explain(@McpParam(description = "A SQL query") String sql) throws SQLException {
    return database.read(connection -> {
      try (Statement statement = connection.createStatement();
          ResultSet plan = statement.executeQuery("EXPLAIN " + sql)) {
        StringBuilder text = new StringBuilder();
        while (plan.next()) {
          text.append(plan.getString(1)).append('\n');
        }
        return text.toString().strip();
      } catch (SQLException e) {
        throw refusal(e);
      }
    });
  }

  @McpTool(name = "add_order", description = "Places an order for a customer, after the user confirms it",
      destructive = false, openWorld = false)
  public OrderOutcome addOrder(@McpParam(description = "The customer's id") int customerId,
      @McpParam(description = "The product's id") int productId,
      @McpParam(description = "How many, 1 to 100") int quantity, RequestContext context) throws Exception {
    if (quantity < 1 || quantity > 100) {
      throw new IllegalArgumentException("quantity must be between 1 and 100, was " + quantity);
    }
    String[] names = database.read(connection -> lookUp(connection, customerId, productId));
    BigDecimal total = new BigDecimal(names[2]).multiply(BigDecimal.valueOf(quantity));
    ElicitationResult<Confirmation> answer = context.elicit("Place an order of " + quantity + " x " + names[1]
        + " (" + total + " in total) for " + names[0] + "?", Confirmation.class);
    if (!answer.accepted() || !answer.value().map(Confirmation::confirm).orElse(false)) {
      return new OrderOutcome(false, "No order was placed: the user did not confirm it ("
          + answer.action().wireName() + ").", null);
    }
    int id = database.write(connection -> insert(connection, customerId, productId, quantity));
    context.log(LoggingLevel.INFO, "shop", "order " + id + " placed");
    server.get().notifyResourceUpdated("db://tables/ORDERS");
    server.get().notifyResourceUpdated("db://schema");
    return new OrderOutcome(true, "Order " + id + " placed.",
        new Order(id, names[0], names[1], quantity, total, "placed"));
  }

  private static String[] lookUp(Connection connection, int customerId, int productId) throws SQLException {
    String customer;
    try (PreparedStatement find = connection.prepareStatement("SELECT name FROM customers WHERE id = ?")) {
      find.setInt(1, customerId);
      try (ResultSet row = find.executeQuery()) {
        if (!row.next()) {
          throw new IllegalArgumentException("There is no customer with id " + customerId);
        }
        customer = row.getString(1);
      }
    }
    try (PreparedStatement find = connection.prepareStatement("SELECT name, price FROM products WHERE id = ?")) {
      find.setInt(1, productId);
      try (ResultSet row = find.executeQuery()) {
        if (!row.next()) {
          throw new IllegalArgumentException("There is no product with id " + productId);
        }
        return new String[] {customer, row.getString(1), row.getBigDecimal(2).toPlainString()};
      }
    }
  }

  private static int insert(Connection connection, int customerId, int productId, int quantity) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (customer_id, product_id,"
        + " quantity, status, ordered_at) VALUES (?, ?, ?, 'placed', ?)", Statement.RETURN_GENERATED_KEYS)) {
      insert.setInt(1, customerId);
      insert.setInt(2, productId);
      insert.setInt(3, quantity);
      insert.setTimestamp(4, Timestamp.valueOf(LocalDateTime.now()));
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getInt(1);
      }
    }
  }

  @McpResource(uri = "db://schema", name = "schema", title = "Database schema", mimeType = "application/json",
      description = "Every table with its columns and row count")
  public List<TableDescription> schema() throws SQLException {
    return database.read(connection -> {
      List<TableDescription> tables = new ArrayList<>();
      for (String name : Schema.tableNames(connection)) {
        tables.add(Schema.describe(connection, name));
      }
      return tables;
    });
  }

  @McpResource(uri = "db://tables/{name}", name = "table", title = "A table", mimeType = "application/json",
      description = "A table's columns, size and first rows")
  public TablePreview table(String name) throws SQLException {
    return database.read(connection -> {
      String table = Schema.resolve(connection, name);
      if (table == null) {
        throw new McpException(ErrorCodes.RESOURCE_NOT_FOUND,
            "There is no table named " + name, JsonMapper.shared().createObjectNode()
                .put("uri", "db://tables/" + name));
      }
      QueryResult sample = run(connection, "SELECT * FROM " + Schema.quote(table), 5, rows -> { }, action -> { });
      return new TablePreview(Schema.describe(connection, table), sample);
    });
  }

  @McpComplete(resource = "db://tables/{name}", argument = "name")
  public List<String> tableNames(String prefix) throws SQLException {
    return matching(prefix);
  }

  @McpPrompt(name = "analyze_table", title = "Analyze a table",
      description = "Asks the model to explore a table and report what stands out")
  public List<PromptMessage> analyzeTable(@McpParam(description = "The table to analyze") String table)
      throws SQLException {
    TablePreview preview = table(table);
    String json = JsonMapper.shared().writeValueAsString(preview);
    return List.of(
        new PromptMessage(Role.USER, EmbeddedResource.of(ResourceContents.text(
            "db://tables/" + preview.table().name(), "application/json", json))),
        PromptMessage.user("Analyze the table " + preview.table().name() + " shown above. Use the query tool to look"
            + " at its values: counts, ranges, the most common values, anything odd. Report what stands out,"
            + " with the queries you used."));
  }

  @McpPrompt(name = "write_query", title = "Write a query",
      description = "Asks the model to write a SQL query that answers a question")
  public String writeQuery(@McpParam(description = "What you want to know") String question,
      @McpParam(description = "The table to start from, if you know it") Optional<String> table)
      throws SQLException {
    String tables = schema().stream().map(t -> t.name() + "(" + t.columns().stream().map(Column::name)
        .collect(Collectors.joining(", ")) + ")").collect(Collectors.joining("; "));
    return "Write one read-only SQL query for this database that answers: " + question
        + table.map(t -> "\nStart from the table " + t + ".").orElse("")
        + "\nThe tables are: " + tables + "\nRun it with the query tool and explain the answer.";
  }

  @McpComplete(prompt = "analyze_table", argument = "table")
  public List<String> analyzeTableNames(String prefix) throws SQLException {
    return matching(prefix);
  }

  @McpComplete(prompt = "write_query", argument = "table")
  public List<String> queryTableNames(String prefix) throws SQLException {
    return matching(prefix);
  }

  private List<String> matching(String prefix) throws SQLException {
    String lower = prefix.toLowerCase(Locale.ROOT);
    return database.read(connection -> Schema.tableNames(connection).stream()
        .filter(name -> name.toLowerCase(Locale.ROOT).startsWith(lower)).toList());
  }
}
