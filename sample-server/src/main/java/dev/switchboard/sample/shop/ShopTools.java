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
import dev.switchboard.mcp.server.McpServerBuilder;
import dev.switchboard.mcp.server.RequestContext;
import dev.switchboard.mcp.server.ToolErrorException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample's tools, resources and prompts: an MCP server over a SQL database, the thing teams build
 * most often. Queries are read-only at the connection, one statement at a time, stream progress, stop
 * when cancelled or when they run too long, and return results of bounded size; the one write asks
 * the user to confirm first and tells subscribers that the orders changed.
 */
public class ShopTools {
  /** The most rows a query may return. */
  static final int MAX_ROWS = 1000;

  private static final String SQL = "One SQL statement, such as a SELECT";
  private static final String LIMIT = "The most rows to return, 1 to 1000";

  private final Database database;
  private final Limits limits;
  private final @Nullable Scopes scopes;
  private final AtomicReference<McpServer> server = new AtomicReference<>();

  /**
   * The OAuth scopes the server's features need, when its endpoint checks access tokens.
   *
   * @param read what reading needs: every tool but add_order, the resources, the prompts and the
   *     completions of table names
   * @param write what placing an order needs, with {@code read} (add_order reads before it writes, and a
   *     client that steps up to the scopes a refusal names keeps what it could do)
   */
  public record Scopes(String read, String write) {
    /**
     * Checks the scopes.
     *
     * @param read the scope that reads
     * @param write the scope that places orders
     */
    public Scopes {
      Objects.requireNonNull(read, "read");
      Objects.requireNonNull(write, "write");
      if (read.equals(write)) {
        throw new IllegalArgumentException("reading and ordering need different scopes, both were " + read);
      }
    }
  }

  /**
   * What one call may cost.
   *
   * @param queryTimeout how long a statement may run before the database is told to stop it; whole
   *     seconds (JDBC's unit), rounded up
   * @param maxCellChars the most characters of a cell (of hex digits, for binary values); longer ones
   *     are cut
   * @param maxResultChars the most characters of cell data in one result; reading stops there
   */
  public record Limits(Duration queryTimeout, int maxCellChars, int maxResultChars) {
    /** Ten seconds, 10,000 characters a cell and 1 MiB of cells a result. */
    public static final Limits DEFAULTS = new Limits(Duration.ofSeconds(10), 10_000, 1 << 20);

    /**
     * Checks the limits.
     *
     * @param queryTimeout how long a statement may run
     * @param maxCellChars the most characters of a cell
     * @param maxResultChars the most characters of cell data in one result
     */
    public Limits {
      Objects.requireNonNull(queryTimeout, "queryTimeout");
      if (queryTimeout.isNegative() || queryTimeout.isZero()) {
        throw new IllegalArgumentException("the query timeout must be positive, was " + queryTimeout);
      }
      if (maxCellChars < 1 || maxResultChars < 1) {
        throw new IllegalArgumentException("the caps must be positive");
      }
    }

    /** The timeout in JDBC's whole seconds. */
    int timeoutSeconds() {
      long millis = queryTimeout.toMillis();
      return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (millis + 999) / 1000));
    }
  }

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
   * @param rows the rows, each a list of values; a cell that was cut ends with "…"
   * @param rowCount how many rows were returned
   * @param truncated whether this is less than the whole result: more rows exist than the limit
   *     allowed, reading stopped at the result size cap, or cells were cut
   * @param truncation what was left out, in words; null when nothing was
   */
  public record QueryResult(List<String> columns, List<List<@Nullable Object>> rows, int rowCount, boolean truncated,
      @Nullable String truncation) {}

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
   * Creates the handlers, with the default limits.
   *
   * @param database where the data lives
   */
  public ShopTools(Database database) {
    this(database, Limits.DEFAULTS, null);
  }

  private ShopTools(Database database, Limits limits, @Nullable Scopes scopes) {
    this.database = database;
    this.limits = limits;
    this.scopes = scopes;
  }

  /**
   * Builds a server over a database whose credentials cannot write, with the default limits.
   *
   * @param database the database
   * @return the server
   */
  public static McpServer server(Database database) {
    return server(database, Limits.DEFAULTS, false);
  }

  /**
   * Builds a server over a database.
   *
   * @param database the database
   * @param limits what one call may cost
   * @param writable whether the database's credentials may change data: then the query tool is not
   *     marked read-only, and says that it may write
   * @return the server
   */
  public static McpServer server(Database database, Limits limits, boolean writable) {
    return server(database, limits, writable, null);
  }

  /**
   * Builds a server over a database whose features need OAuth scopes, for an endpoint that checks
   * access tokens: reading needs {@code scopes.read()}, placing an order both scopes. Lists leave out
   * what a caller's token does not allow, and completions complete nothing for it.
   *
   * @param database the database
   * @param limits what one call may cost
   * @param writable whether the database's credentials may change data
   * @param scopes the scopes; null when the endpoint does not check tokens
   * @return the server
   */
  public static McpServer server(Database database, Limits limits, boolean writable, @Nullable Scopes scopes) {
    ShopTools tools = new ShopTools(database, limits, scopes);
    McpServerBuilder builder = McpServer.builder("switchboard-sample", "0.1.0")
        .title("Switchboard sample: a shop database")
        .instructions("This server exposes a SQL database of customers, products and orders. Use list_tables and"
            + " describe_table to learn the schema, query to read data (" + (writable
                ? "one statement a call; its credentials can change data, so run only what you mean to"
                : "read-only, one statement a call")
            + "; at most " + MAX_ROWS + " rows, stopped after " + limits.timeoutSeconds() + " seconds),"
            + " and add_order to place an order (the user confirms it).")
        .register(tools, writable ? new WritableQuery(tools) : new ReadOnlyQuery(tools));
    if (scopes != null) {
      for (String tool : List.of("list_tables", "describe_table", "query", "explain")) {
        builder.toolScopes(tool, scopes.read());
      }
      builder.toolScopes("add_order", scopes.read(), scopes.write())
          .resourceScopes("db://schema", scopes.read())
          .resourceScopes("db://tables/{name}", scopes.read())
          .promptScopes("analyze_table", scopes.read())
          .promptScopes("write_query", scopes.read());
    }
    McpServer server = builder.build();
    tools.server.set(server);
    return server;
  }

  /** The query tool over credentials that cannot write: marked read-only. */
  public static final class ReadOnlyQuery {
    private final ShopTools tools;

    ReadOnlyQuery(ShopTools tools) {
      this.tools = tools;
    }

    /**
     * Runs a query.
     *
     * @param sql the statement
     * @param limit the most rows
     * @param context the call
     * @return the rows
     * @throws SQLException when the database fails
     */
    @McpTool(name = "query", description = "Runs one read-only SQL statement and returns its rows, at most `limit`"
        + " of them; long cells are cut and a large result stops early (`truncated` says so), and a statement"
        + " that runs too long is stopped. Writes are refused by the database.", readOnly = true, openWorld = false)
    public StructuredResult<QueryResult> query(@McpParam(description = SQL) String sql,
        @McpParam(description = LIMIT, defaultValue = "100") int limit, RequestContext context) throws SQLException {
      return tools.query(sql, limit, context);
    }
  }

  /** The query tool over credentials that can write (--allow-writes): not marked read-only. */
  public static final class WritableQuery {
    private final ShopTools tools;

    WritableQuery(ShopTools tools) {
      this.tools = tools;
    }

    /**
     * Runs a query.
     *
     * @param sql the statement
     * @param limit the most rows
     * @param context the call
     * @return the rows
     * @throws SQLException when the database fails
     */
    @McpTool(name = "query", description = "Runs one SQL statement and returns its rows, at most `limit` of them;"
        + " long cells are cut and a large result stops early (`truncated` says so), and a statement that runs"
        + " too long is stopped. The server's credentials can change data: statements run on a read-only"
        + " connection that is rolled back, but the database may still apply writes (DDL commits in many"
        + " databases).", openWorld = false)
    public StructuredResult<QueryResult> query(@McpParam(description = SQL) String sql,
        @McpParam(description = LIMIT, defaultValue = "100") int limit, RequestContext context) throws SQLException {
      return tools.query(sql, limit, context);
    }
  }

  @McpTool(name = "list_tables", description = "Lists the database's tables and how many rows each holds",
      readOnly = true, openWorld = false)
  public TableList listTables() throws SQLException {
    return database.read(connection -> {
      List<TableSummary> tables = new ArrayList<>();
      for (String name : Schema.tableNames(connection)) {
        tables.add(new TableSummary(name, Schema.describe(connection, name, limits.timeoutSeconds()).rows()));
      }
      return new TableList(tables);
    });
  }

  @McpTool(name = "describe_table", description = "Describes a table: its columns, their types, and its size",
      readOnly = true, openWorld = false)
  public TableDescription describeTable(@McpParam(description = "The table's name") String table)
      throws SQLException {
    return database.read(connection -> Schema.describe(connection, Schema.require(connection, table),
        limits.timeoutSeconds()));
  }

  StructuredResult<QueryResult> query(String sql, int limit, RequestContext context) throws SQLException {
    if (limit < 1 || limit > MAX_ROWS) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_ROWS + ", was " + limit);
    }
    QueryResult result = database.read(connection -> run(connection, single(connection, sql), limit,
        rows -> context.progress(rows, (double) limit, rows + " rows read"), context::onCancel));
    StringBuilder text = new StringBuilder(TextTable.render(result.columns(), result.rows()))
        .append(result.rowCount()).append(" row").append(result.rowCount() == 1 ? "" : "s");
    if (result.truncation() != null) {
      text.append(" (").append(result.truncation()).append(')');
    }
    return new StructuredResult<>(result, text.toString());
  }

  /** The one statement a text holds, read as the connection's database reads SQL; refuses more than one. */
  private static String single(Connection connection, String sql) throws SQLException {
    boolean h2 = "H2".equals(connection.getMetaData().getDatabaseProductName());
    return SqlText.single(sql, h2 ? SqlText.H2 : SqlText.ANY);
  }

  /** A statement that the database stops after the query timeout. */
  private Statement statement(Connection connection) throws SQLException {
    Statement statement = connection.createStatement();
    try {
      statement.setQueryTimeout(limits.timeoutSeconds());
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }

  private QueryResult run(Connection connection, String sql, int limit, IntConsumer progress,
      Consumer<Runnable> onCancel) throws SQLException {
    AtomicBoolean cancelled = new AtomicBoolean();
    try (Statement statement = statement(connection)) {
      // A cancelled call stops its query in the database, not just its thread.
      onCancel.accept(() -> {
        cancelled.set(true);
        cancel(statement);
      });
      statement.setMaxRows(limit + 1);
      statement.setFetchSize(Math.min(limit + 1, 100)); // drivers that can stream rows need not hold them all
      if (!statement.execute(sql)) {
        throw new IllegalArgumentException("The statement returned no rows; the query tool only reads data.");
      }
      try (ResultSet rows = statement.getResultSet()) {
        List<String> columns = Schema.columnNames(rows.getMetaData());
        Cells cells = new Cells(rows.getMetaData(), limits.maxCellChars(), limits.maxResultChars());
        List<List<@Nullable Object>> read = new ArrayList<>();
        while (read.size() < limit && !cells.full() && rows.next()) {
          read.add(cells.row(rows));
          if (read.size() % 100 == 0) {
            progress.accept(read.size());
          }
        }
        boolean capped = cells.full() && read.size() < limit;
        boolean more = (read.size() == limit || capped) && rows.next();
        List<String> left = new ArrayList<>();
        if (more && !capped) {
          left.add("more rows exist; raise the limit or narrow the query");
        }
        if (more && capped) {
          left.add("reading stopped at the result cap of " + limits.maxResultChars() + " characters of cell data,"
              + " and more rows exist; select fewer or shorter columns, or fewer rows");
        }
        if (cells.cut() > 0) {
          left.add(cells.cut() + (cells.cut() == 1 ? " cell was" : " cells were") + " cut, each to at most "
              + limits.maxCellChars() + " characters, ending in " + Cells.CUT + "; select a part of a long value,"
              + " such as SUBSTRING(column, 1, 100)");
        }
        return new QueryResult(columns, read, read.size(), !left.isEmpty(),
            left.isEmpty() ? null : String.join("; ", left));
      }
    } catch (SQLException e) {
      throw refusal(e, cancelled.get());
    }
  }

  private static void cancel(Statement statement) {
    try {
      statement.cancel();
    } catch (SQLException e) {
      // the statement already finished
    }
  }

  /**
   * Says clearly when a statement ran too long, or was refused because it tried to write; otherwise
   * gives the database's message.
   */
  private RuntimeException refusal(SQLException e, boolean cancelled) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (!cancelled && (e instanceof SQLTimeoutException || state.equals("57014"))) {
      int seconds = limits.timeoutSeconds();
      return new ToolErrorException("The query took too long: it was stopped after " + seconds + " second"
          + (seconds == 1 ? "" : "s") + ", the server's query timeout. Narrow it (filter with WHERE, join on keys,"
          + " aggregate) or ask for fewer rows.", e);
    }
    boolean readOnly = e.getErrorCode() == 90096 || state.equals("42501") || state.equals("25006")
        || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("read-only");
    if (readOnly) {
      return new ToolErrorException("The query tool is read-only: the database refused to change data ("
          + e.getMessage() + "). Use add_order to place an order.", e);
    }
    return new IllegalArgumentException("The database rejected the query: " + e.getMessage(), e);
  }

  @McpTool(name = "explain", description = "Shows how the database would run a query, without running it",
      readOnly = true, openWorld = false)
  public String explain(@McpParam(description = "A SQL query") String sql) throws SQLException {
    return database.read(connection -> {
      String query = single(connection, sql);
      try (Statement statement = statement(connection);
          ResultSet plan = statement.executeQuery("EXPLAIN " + query)) {
        StringBuilder text = new StringBuilder();
        while (plan.next() && text.length() <= limits.maxResultChars()) {
          text.append(plan.getString(1)).append('\n');
        }
        return text.length() > limits.maxResultChars()
            ? text.substring(0, limits.maxResultChars()) + Cells.CUT + "\n(the plan was cut)"
            : text.toString().strip();
      } catch (SQLException e) {
        throw refusal(e, false);
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
        tables.add(Schema.describe(connection, name, limits.timeoutSeconds()));
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
      return new TablePreview(Schema.describe(connection, table, limits.timeoutSeconds()), sample);
    });
  }

  @McpComplete(resource = "db://tables/{name}", argument = "name")
  public List<String> tableNames(String prefix, RequestContext context) throws SQLException {
    return matching(prefix, context);
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
  public List<String> analyzeTableNames(String prefix, RequestContext context) throws SQLException {
    return matching(prefix, context);
  }

  @McpComplete(prompt = "write_query", argument = "table")
  public List<String> queryTableNames(String prefix, RequestContext context) throws SQLException {
    return matching(prefix, context);
  }

  /** Table names that start with a prefix; none for a caller whose token may not read. */
  private List<String> matching(String prefix, RequestContext context) throws SQLException {
    Scopes needed = scopes;
    if (needed != null && !context.principal().map(p -> p.hasScopes(List.of(needed.read()))).orElse(true)) {
      return List.of();
    }
    String lower = prefix.toLowerCase(Locale.ROOT);
    return database.read(connection -> Schema.tableNames(connection).stream()
        .filter(name -> name.toLowerCase(Locale.ROOT).startsWith(lower)).toList());
  }
}
