package dev.switchboard.sample;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.transport.McpServlet;
import dev.switchboard.sample.conformance.ConformanceServer;
import dev.switchboard.sample.shop.Database;
import dev.switchboard.sample.shop.JdbcUrls;
import dev.switchboard.sample.shop.ShopTools;
import java.io.PrintStream;
import java.net.URI;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The sample server: an MCP server over a SQL database (or, with {@code --conformance}, the fixture
 * surface of the official conformance suite). Prints its URL on the first line when ready; stops
 * gracefully on SIGTERM.
 */
public final class SampleServer {
  private SampleServer() {}

  /**
   * Starts the server.
   *
   * @param args the options; {@code --help} lists them
   * @throws InterruptedException when interrupted while running
   */
  public static void main(String[] args) throws InterruptedException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("sample-server: " + e.getMessage());
      System.err.println("Try --help.");
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(Options.USAGE);
      return;
    }
    Database database = null;
    McpServer server;
    try {
      if (options.conformance()) {
        server = ConformanceServer.build();
      } else {
        ShopTools.Limits limits = new ShopTools.Limits(options.queryTimeout(), ShopTools.Limits.DEFAULTS.maxCellChars(),
            ShopTools.Limits.DEFAULTS.maxResultChars());
        if (options.jdbcUrl() == null) {
          database = Database.seeded(options.queryTimeout());
        } else {
          database = Database.external(options.jdbcUrl(), options.jdbcUser(), options.jdbcPassword());
          Optional<String> writes = options.allowWrites() ? Optional.empty() : database.writeAccess();
          if (writes.isPresent()) {
            System.err.println("sample-server: will not serve " + database.description() + " as read-only: "
                + hide(writes.get(), options) + ". Give it credentials that can only read, or --allow-writes to"
                + " serve it anyway (the query tool is then not marked read-only).");
            System.exit(2);
            return;
          }
        }
        server = ShopTools.server(database, limits, options.allowWrites());
      }
    } catch (SQLException e) {
      System.err.println("sample-server: cannot open the database: " + hide(String.valueOf(e.getMessage()), options));
      System.exit(1);
      return;
    }
    McpServlet.Builder servlet = McpServlet.builder(server)
        .sessionIdleTimeout(options.sessionTtl());
    if (!options.allowedOrigins().isEmpty()) {
      servlet.allowedOrigins(options.allowedOrigins().toArray(String[]::new));
    }
    JettyMcpServer running = JettyMcpServer.builder(servlet.build()).host(options.host()).port(options.port()).start();
    banner(System.out, running.uri(), database, options.allowWrites());
    running.join();
  }

  /** A message without the credentials it may quote: the password as given, and those a URL carries. */
  private static String hide(String message, Options options) {
    String password = options.jdbcPassword();
    String hidden = password == null || password.isEmpty() ? message : message.replace(password, "***");
    return JdbcUrls.mask(hidden);
  }

  private static void banner(PrintStream out, URI uri, Database database, boolean writable) {
    out.println("MCP server listening at " + uri);
    if (database != null) {
      out.println("Serving " + database.description() + (writable
          ? "; its credentials may change data (--allow-writes), and the query tool is not marked read-only." : "."));
    }
    out.println("Add it to Claude Code:  claude mcp add --transport http switchboard-sample " + uri);
    out.println("Or to a client's JSON:  {\"mcpServers\": {\"switchboard-sample\": {\"type\": \"http\", \"url\": \""
        + uri + "\"}}}");
    out.flush();
  }
}
