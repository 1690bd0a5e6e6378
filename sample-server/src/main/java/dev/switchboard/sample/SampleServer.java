package dev.switchboard.sample;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.transport.Authorization;
import dev.switchboard.mcp.transport.JwtTokenVerifier;
import dev.switchboard.mcp.transport.McpServlet;
import dev.switchboard.mcp.transport.RedisFleet;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.switchboard.sample.conformance.ConformanceServer;
import dev.switchboard.sample.shop.Database;
import dev.switchboard.sample.shop.JdbcUrls;
import dev.switchboard.sample.shop.ShopTools;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The sample server: an MCP server over a SQL database (or, with {@code --conformance}, the fixture
 * surface of the official conformance suite). Prints its URL on the first line when ready; stops
 * gracefully on SIGTERM. With {@code --auth-issuer} it is an OAuth 2.1 resource server that requires
 * access tokens from that issuer; it will not listen beyond this machine without one unless told to
 * ({@code --allow-unauthenticated}).
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
    Exposure exposure;
    try {
      exposure = exposure(options);
    } catch (IllegalArgumentException e) {
      System.err.println("sample-server: " + e.getMessage());
      System.exit(2);
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
        server = ShopTools.server(database, limits, options.allowWrites(), exposure.authorization() == null ? null
            : new ShopTools.Scopes(options.authScopes().get(0), options.authScopes().get(1)));
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
    if (!exposure.allowedHosts().isEmpty()) {
      servlet.allowedHosts(exposure.allowedHosts().toArray(String[]::new));
    }
    if (exposure.authorization() != null) {
      servlet.authorization(exposure.authorization());
    }
    if (options.redisUrl() != null) {
      RedisFleet.Builder fleet;
      try {
        fleet = RedisFleet.builder(options.redisUrl());
      } catch (IllegalArgumentException e) {
        System.err.println("sample-server: --redis: " + e.getMessage());
        System.exit(2);
        return;
      }
      servlet.fleet((options.instanceId() == null ? fleet : fleet.instanceId(options.instanceId())).build());
    }
    PrometheusMeterRegistry metrics = options.metricsPort() < 0 ? null
        : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    if (metrics != null) {
      servlet.meterRegistry(metrics);
    }
    JettyMcpServer.Builder launcher = JettyMcpServer.builder(servlet.build()).host(options.host()).port(exposure.port());
    if (metrics != null) {
      launcher.adminServlet(options.metricsPort(), "/metrics", new PrometheusServlet(metrics));
    }
    JettyMcpServer running;
    try {
      running = launcher.start();
    } catch (IllegalStateException e) {
      System.err.println("sample-server: " + e.getMessage());
      System.exit(1);
      return;
    }
    banner(System.out, running.uri(), database, options.allowWrites(), exposure.authorization(), options);
    running.adminUri().ifPresent(admin -> System.out.println("Prometheus metrics at " + admin.resolve("/metrics")));
    running.join();
  }

  /**
   * Who may reach the server and how it checks them.
   *
   * @param port the port to listen on, chosen already when the resource URI needs it
   * @param allowedHosts the Host names to accept; empty for the framework's localhost default
   * @param authorization the access tokens required, or null when anyone who reaches the server may call it
   */
  record Exposure(int port, List<String> allowedHosts, @Nullable Authorization authorization) {}

  /**
   * Decides the exposure: refuses to listen beyond this machine without authorization (unless
   * --allow-unauthenticated), finds the names clients use, and makes the OAuth resource, whose URI
   * (the tokens' audience) needs the port before the server starts.
   *
   * @throws IllegalArgumentException with the reason to refuse to start
   */
  static Exposure exposure(Options options) {
    boolean loopback = options.loopback();
    boolean wildcard = isWildcard(options.host());
    URI issuer = options.authIssuer();
    if (!loopback && issuer == null && !options.allowUnauthenticated()) {
      throw new IllegalArgumentException("will not listen on " + options.host() + ", beyond this machine, without"
          + " authorization: anyone who reaches it could read the data and place orders. Give --auth-issuer"
          + " ISSUER_URL to require OAuth access tokens from your authorization server, or --allow-unauthenticated"
          + " to serve it open anyway (behind a gateway that authenticates callers).");
    }
    if (issuer != null && options.authAudience() == null && wildcard) {
      throw new IllegalArgumentException("--host " + options.host() + " listens on every address, so the server"
          + " cannot tell the URL clients reach it at: give it as --auth-audience, like https://mcp.example.com/mcp");
    }
    List<String> hosts = options.allowedHosts();
    if (hosts.isEmpty() && !loopback) {
      if (options.authAudience() != null) {
        hosts = List.of(options.authAudience().getHost());
      } else if (!wildcard) {
        hosts = List.of(options.host());
      } else {
        throw new IllegalArgumentException("--host " + options.host() + " listens on every address: name the host"
            + " names clients reach the server under with --allowed-hosts, like mcp.example.com");
      }
    }
    if (issuer == null) {
      return new Exposure(options.port(), hosts, null);
    }
    int port = options.port();
    URI resource = options.authAudience();
    if (resource == null) {
      port = port == 0 ? freePort(options.host()) : port;
      String host = options.host().contains(":") && !options.host().startsWith("[")
          ? "[" + options.host() + "]" : options.host();
      resource = URI.create("http://" + host + ":" + port + "/mcp");
    }
    List<String> scopes = options.authScopes();
    Authorization authorization = Authorization.builder(resource)
        .authorizationServers(issuer)
        .scopesSupported(scopes.toArray(String[]::new))
        .tokenVerifier(JwtTokenVerifier.builder(issuer, resource).build())
        .build();
    return new Exposure(port, hosts, authorization);
  }

  private static boolean isWildcard(String host) {
    try {
      return InetAddress.getByName(host).isAnyLocalAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** A port free now on the address, so that the endpoint's URL is known before the server starts. */
  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot listen on " + host + ": " + e.getMessage(), e);
    }
  }

  /** A message without the credentials it may quote: the password as given, and those a URL carries. */
  private static String hide(String message, Options options) {
    String password = options.jdbcPassword();
    String hidden = password == null || password.isEmpty() ? message : message.replace(password, "***");
    return JdbcUrls.mask(hidden);
  }

  private static void banner(PrintStream out, URI uri, @Nullable Database database, boolean writable,
      @Nullable Authorization authorization, Options options) {
    out.println("MCP server listening at " + uri);
    if (database != null) {
      out.println("Serving " + database.description() + (writable
          ? "; its credentials may change data (--allow-writes), and the query tool is not marked read-only." : "."));
    }
    if (authorization != null) {
      List<String> scopes = options.authScopes();
      out.println("Requiring OAuth access tokens from " + options.authIssuer() + " for " + authorization.resource()
          + " (--auth-issuer): scope " + scopes.get(0) + " to read, " + scopes.get(0) + " and " + scopes.get(1)
          + " to place orders; metadata at " + authorization.metadataUrl() + ".");
    } else if (!options.loopback()) {
      out.println("Without authorization (--allow-unauthenticated): anyone who reaches " + options.host()
          + " may read the data and place orders.");
    }
    // Clients must use the URL the tokens are for: the metadata's resource, which they check against it.
    URI clients = authorization == null ? uri : authorization.resource();
    out.println("Add it to Claude Code:  claude mcp add --transport http switchboard-sample " + clients);
    out.println("Or to a client's JSON:  {\"mcpServers\": {\"switchboard-sample\": {\"type\": \"http\", \"url\": \""
        + clients + "\"}}}");
    out.flush();
  }
}
