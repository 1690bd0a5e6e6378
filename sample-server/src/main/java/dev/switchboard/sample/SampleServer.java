package dev.switchboard.sample;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.transport.McpServlet;
import dev.switchboard.sample.conformance.ConformanceServer;
import dev.switchboard.sample.shop.Database;
import dev.switchboard.sample.shop.ShopTools;
import java.io.PrintStream;
import java.net.URI;
import java.sql.SQLException;

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
        database = options.jdbcUrl() == null ? Database.seeded()
            : Database.external(options.jdbcUrl(), options.jdbcUser(), options.jdbcPassword());
        server = ShopTools.server(database);
      }
    } catch (SQLException e) {
      System.err.println("sample-server: cannot open the database: " + e.getMessage());
      System.exit(1);
      return;
    }
    McpServlet.Builder servlet = McpServlet.builder(server)
        .sessionIdleTimeout(options.sessionTtl());
    if (!options.allowedOrigins().isEmpty()) {
      servlet.allowedOrigins(options.allowedOrigins().toArray(String[]::new));
    }
    JettyMcpServer running = JettyMcpServer.builder(servlet.build()).host(options.host()).port(options.port()).start();
    banner(System.out, running.uri(), database);
    running.join();
  }

  private static void banner(PrintStream out, URI uri, Database database) {
    out.println("MCP server listening at " + uri);
    if (database != null) {
      out.println("Serving " + database.description() + ".");
    }
    out.println("Add it to Claude Code:  claude mcp add --transport http switchboard-sample " + uri);
    out.println("Or to a client's JSON:  {\"mcpServers\": {\"switchboard-sample\": {\"type\": \"http\", \"url\": \""
        + uri + "\"}}}");
    out.flush();
  }
}
