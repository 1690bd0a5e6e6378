package dev.switchboard.mcp.test;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.transport.McpServlet;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * A server under test: an {@link McpServer} on a real Jetty, on 127.0.0.1 and a random free port,
 * with clients that speak to it over the wire. Close it (try-with-resources, or let
 * {@link McpServerTest} do it) to stop it and every client it made.
 *
 * <pre>{@code
 * try (McpTestServer server = McpTestServer.start(WeatherServer.server())) {
 *   assertThat(server.client().callTool("weather", Map.of("city", "Oslo"))).isNotError();
 * }
 * }</pre>
 */
public final class McpTestServer implements AutoCloseable {
  private final McpServer server;
  private final JettyMcpServer jetty;
  private final UnaryOperator<McpTestClient.Builder> clientDefaults;
  private final ProtocolVersion revision;
  private final HttpClient http = Wire.newHttpClient();
  private final List<McpTestClient> clients = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile McpTestClient defaultClient;

  private McpTestServer(Builder builder) {
    this.server = builder.server;
    this.clientDefaults = builder.clients;
    this.revision = builder.revision;
    McpServlet servlet = builder.servlet.apply(McpServlet.builder(server)).build();
    this.jetty = builder.jetty.apply(JettyMcpServer.builder(servlet).shutdownGrace(Duration.ofSeconds(1)))
        .host("127.0.0.1").port(0).stopOnShutdown(false).start();
  }

  /**
   * Starts a server.
   *
   * @param server the server to serve
   * @return the running server
   */
  public static McpTestServer start(McpServer server) {
    return builder(server).start();
  }

  /**
   * Starts a server of annotated objects ({@code @McpTool}, {@code @McpResource}, ...), registered
   * as {@code McpServer.builder("switchboard-test", "0.0.0").register(handlers)} would.
   *
   * @param handlers objects (or classes, for static methods) with annotated methods
   * @return the running server
   */
  public static McpTestServer startAnnotated(Object... handlers) {
    return start(McpServer.builder("switchboard-test", "0.0.0").register(handlers).build());
  }

  /**
   * Starts configuring a server: its endpoint's options, and its clients' defaults.
   *
   * @param server the server to serve
   * @return the builder
   */
  public static Builder builder(McpServer server) {
    return new Builder(server);
  }

  /** Configures a {@link McpTestServer}. */
  public static final class Builder {
    private final McpServer server;
    private UnaryOperator<McpServlet.Builder> servlet = UnaryOperator.identity();
    private UnaryOperator<JettyMcpServer.Builder> jetty = UnaryOperator.identity();
    private UnaryOperator<McpTestClient.Builder> clients = UnaryOperator.identity();
    private ProtocolVersion revision = ProtocolVersion.LATEST_WITH_SESSIONS;

    private Builder(McpServer server) {
      this.server = Objects.requireNonNull(server, "server");
    }

    /**
     * Changes the endpoint's options, such as {@code sessionIdleTimeout} or {@code clientLimits}.
     *
     * @param options a function of the servlet's builder
     * @return this builder
     */
    public Builder servlet(UnaryOperator<McpServlet.Builder> options) {
      this.servlet = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Changes Jetty's options, such as {@code idleTimeout} or {@code shutdownGrace} (1 s by
     * default here). The host and port are always 127.0.0.1 and a free port.
     *
     * @param options a function of the launcher's builder
     * @return this builder
     */
    public Builder jetty(UnaryOperator<JettyMcpServer.Builder> options) {
      this.jetty = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Defaults for every client the server makes, such as capabilities, answers or a timeout.
     *
     * @param defaults a function of each client's builder
     * @return this builder
     */
    public Builder clients(UnaryOperator<McpTestClient.Builder> defaults) {
      this.clients = Objects.requireNonNull(defaults, "defaults");
      return this;
    }

    /**
     * The revision of {@link McpTestServer#client()} and {@link McpTestServer#newClient()}
     * (2025-11-25 by default).
     *
     * @param version the revision
     * @return this builder
     */
    public Builder revision(ProtocolVersion version) {
      this.revision = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Starts the server.
     *
     * @return the running server
     */
    public McpTestServer start() {
      return new McpTestServer(this);
    }
  }

  /**
   * The endpoint.
   *
   * @return such as {@code http://127.0.0.1:41234/mcp}
   */
  public URI uri() {
    return jetty.uri();
  }

  /**
   * The server served.
   *
   * @return the server, for changes at run time ({@code addTool}, {@code notifyResourceUpdated}...)
   */
  public McpServer server() {
    return server;
  }

  /**
   * The endpoint's servlet.
   *
   * @return the servlet
   */
  public McpServlet servlet() {
    return jetty.servlet();
  }

  /**
   * The server's own client, made on first use and reused: for a test that needs one.
   *
   * @return the client
   */
  public McpTestClient client() {
    McpTestClient client = defaultClient;
    if (client == null) {
      synchronized (this) {
        if (defaultClient == null) {
          defaultClient = newClient();
        }
        client = defaultClient;
      }
    }
    return client;
  }

  /**
   * A new client, of the server's revision, with a session (or stateless requests) of its own.
   *
   * @return the client, closed with the server
   */
  public McpTestClient newClient() {
    return newClient(revision);
  }

  /**
   * A new client of a revision.
   *
   * @param version 2025-03-26, 2025-06-18 or 2025-11-25 for a session; 2026-07-28 for stateless
   *     requests
   * @return the client, closed with the server
   */
  public McpTestClient newClient(ProtocolVersion version) {
    return newClient(builder -> builder.revision(version));
  }

  /**
   * A new client configured by the test, on top of the server's client defaults.
   *
   * @param options a function of the client's builder
   * @return the client, closed with the server
   */
  public McpTestClient newClient(UnaryOperator<McpTestClient.Builder> options) {
    if (closed.get()) {
      throw new IllegalStateException("the server is closed");
    }
    McpTestClient.Builder builder = McpTestClient.builder(uri()).revision(revision).httpClient(http);
    McpTestClient client = options.apply(clientDefaults.apply(builder)).build();
    clients.add(client);
    return client;
  }

  /**
   * Many clients at once against this server, each of this server's revision.
   *
   * @param count how many agents
   * @return the run, to configure and start
   */
  public ManyAgents agents(int count) {
    return ManyAgents.of(this::newClient).agents(count);
  }

  /**
   * Stops the server: its clients end their sessions, then Jetty stops (calls in flight get the
   * shutdown grace).
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (McpTestClient client : clients) {
      client.close();
    }
    jetty.close();
  }
}
