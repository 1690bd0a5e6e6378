package dev.switchboard.mcp.jetty;

import dev.switchboard.mcp.protocol.internal.Limits;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.transport.Authorization;
import dev.switchboard.mcp.transport.McpServlet;
import dev.switchboard.mcp.transport.internal.TransportInternals;
import jakarta.servlet.http.HttpServlet;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MCP server running standalone on embedded Jetty, listening on 127.0.0.1 by default. Besides the
 * endpoint it answers {@code GET /health} (200, or 503 once shutting down) for load balancers.
 *
 * <pre>{@code
 * try (JettyMcpServer running = JettyMcpServer.builder(server).port(8080).start()) {
 *   System.out.println(running.uri());   // http://127.0.0.1:8080/mcp
 *   running.join();
 * }
 * }</pre>
 */
public final class JettyMcpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JettyMcpServer.class);
  private static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";
  /** Where the launcher answers load balancers' health checks. */
  private static final String HEALTH = "/health";
  private final Server jetty;
  private final ServerConnector connector;
  private final @Nullable ServerConnector adminConnector;
  private final String path;
  private final McpServlet servlet;
  private final Duration shutdownGrace;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile @Nullable Thread shutdownHook;

  private JettyMcpServer(Server jetty, ServerConnector connector, @Nullable ServerConnector adminConnector,
      String path, McpServlet servlet,
      Duration shutdownGrace) {
    this.jetty = jetty;
    this.connector = connector;
    this.adminConnector = adminConnector;
    this.path = path;
    this.servlet = servlet;
    this.shutdownGrace = shutdownGrace;
  }

  /**
   * Starts configuring a standalone server for an MCP server definition, with the servlet's defaults.
   *
   * @param server the MCP server
   * @return a builder
   */
  public static Builder builder(McpServer server) {
    return new Builder(McpServlet.builder(Objects.requireNonNull(server, "server")).build());
  }

  /**
   * Starts configuring a standalone server for a configured servlet.
   *
   * @param servlet the endpoint
   * @return a builder
   */
  public static Builder builder(McpServlet servlet) {
    return new Builder(Objects.requireNonNull(servlet, "servlet"));
  }

  /**
   * Adds an MCP endpoint to an existing Jetty application.
   *
   * @param context the application's servlet context
   * @param path the endpoint path within the context, for example {@code /mcp}
   * @param servlet the endpoint
   * @return the holder, already marked async-supported
   */
  public static ServletHolder mount(ServletContextHandler context, String path, McpServlet servlet) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(servlet, "servlet");
    ServletHolder holder = new ServletHolder("mcp" + path.replace('/', '-'), servlet);
    holder.setAsyncSupported(true);
    context.addServlet(holder, requirePath(path));
    servlet.authorization().ifPresent(authorization -> publishMetadata(context, servlet, authorization));
    // Errors Jetty answers before any context sees the request (a header too large, a malformed request
    // line) use the server's error handler: unless the application set one of its own, make them JSON too.
    context.addEventListener(new LifeCycle.Listener() {
      @Override
      public void lifeCycleStarting(LifeCycle event) {
        Server server = context.getServer();
        if (server != null && ServerJsonErrorHandler.isJettyDefault(server.getErrorHandler())) {
          server.setErrorHandler(new ServerJsonErrorHandler());
        }
      }
    });
    return holder;
  }

  /**
   * Publishes the endpoint's Protected Resource Metadata at its well-known URIs (RFC 9728): the form with
   * the resource's path, and the root form clients try next. Both are on the host's root, so a context
   * with another path cannot hold them: the application publishes {@link McpServlet#resourceMetadataServlet}
   * on its root context instead.
   */
  private static void publishMetadata(ServletContextHandler context, McpServlet servlet, Authorization authorization) {
    String root = context.getContextPath();
    if (root != null && !root.isEmpty() && !root.equals("/")) {
      LOG.warn("an MCP endpoint under context {} cannot publish its resource metadata at {}: add"
          + " McpServlet.resourceMetadataServlet() to the root context", root, authorization.metadataUrl());
      return;
    }
    ServletHolder metadata = new ServletHolder("mcp-resource-metadata", servlet.resourceMetadataServlet());
    String withPath = authorization.metadataUrl().getRawPath();
    context.addServlet(metadata, withPath);
    if (!withPath.equals(WELL_KNOWN)) {
      context.getServletHandler().addServletWithMapping(metadata, WELL_KNOWN);
    }
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String requirePath(String path) {
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/") || path.contains("*")) {
      throw new IllegalArgumentException("path must start with '/' and name one endpoint, was " + path);
    }
    return path;
  }

  /**
   * Returns the URL clients connect to, for example {@code http://127.0.0.1:41234/mcp}.
   *
   * @return the endpoint URL
   */
  public URI uri() {
    String host = connector.getHost() == null ? "localhost" : connector.getHost();
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port() + path);
  }

  /**
   * Returns the port the server listens on (useful after asking for port 0).
   *
   * @return the port
   */
  public int port() {
    return connector.getLocalPort();
  }

  /**
   * Returns where the admin servlets answer, for example {@code http://127.0.0.1:9090}.
   *
   * @return the admin port's base URL; empty when no admin servlet was added
   */
  public Optional<URI> adminUri() {
    return adminConnector == null ? Optional.empty()
        : Optional.of(URI.create("http://127.0.0.1:" + adminConnector.getLocalPort()));
  }

  /**
   * Returns the endpoint, for example to watch its sessions.
   *
   * @return the servlet
   */
  public McpServlet servlet() {
    return servlet;
  }

  /**
   * Waits until the server stops.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  public void join() throws InterruptedException {
    jetty.join();
  }

  /**
   * Stops the server gracefully: new sessions and requests get 503, calls in flight get the shutdown
   * grace period to finish, every stream is closed cleanly, then Jetty stops. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Thread hook = shutdownHook;
    if (hook != null && Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down
      }
    }
    try {
      servlet.shutdown(shutdownGrace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not stop cleanly", e);
    }
  }

  /** A connector for the admin servlets, on 127.0.0.1 whatever the endpoint's address. */
  private static ServerConnector adminConnector(Server jetty, int port) {
    ServerConnector admin = new ServerConnector(jetty, 1, 1);
    admin.setName("admin");
    admin.setHost("127.0.0.1");
    admin.setPort(port);
    jetty.addConnector(admin);
    return admin;
  }

  /** Configures a {@link JettyMcpServer}; each setter checks its argument at once. */
  public static final class Builder {
    private final McpServlet servlet;
    private String host = "127.0.0.1";
    private int port;
    private String path = "/mcp";
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private boolean stopOnShutdown = true;
    private int maxThreads = 200;
    private int maxConnections = 20_000;
    private long minRequestDataRate = 1_024;
    private int adminPort = -1;
    private final Map<String, HttpServlet> adminServlets = new LinkedHashMap<>();

    private Builder(McpServlet servlet) {
      this.servlet = servlet;
    }

    /**
     * Sets the address to bind; default 127.0.0.1, so only this machine can connect.
     *
     * @param host an address or host name
     * @return this builder
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * Sets the port; 0 (the default) picks a free one.
     *
     * @param port between 0 and 65535
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the endpoint path; default {@code /mcp}.
     *
     * @param path the path
     * @return this builder
     */
    public Builder path(String path) {
      this.path = requirePath(path);
      return this;
    }

    /**
     * Sets how long a connection may be idle; SSE heartbeats keep open streams below it.
     *
     * @param timeout a positive duration; default 60 s
     * @return this builder
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = Limits.positive(timeout, "idleTimeout");
      return this;
    }

    /**
     * Sets the most threads Jetty runs requests on (reading bodies and writing JSON answers; handlers
     * run on their own executor, and idle streams hold no thread).
     *
     * @param max at least 8; default 200
     * @return this builder
     */
    public Builder maxThreads(int max) {
      if (max < 8) {
        throw new IllegalArgumentException("maxThreads must be at least 8, was " + max);
      }
      this.maxThreads = max;
      return this;
    }

    /**
     * Sets the most connections open at once; beyond it, new ones wait in the operating system's
     * accept queue until one closes. Each open SSE stream is a connection.
     *
     * @param max at least 1; default 20,000
     * @return this builder
     */
    public Builder maxConnections(int max) {
      this.maxConnections = Limits.atLeastOne(max, "maxConnections");
      return this;
    }

    /**
     * Sets the slowest a client may send a request body, so that clients trickling bodies byte by
     * byte cannot hold the threads that read them; a slower request fails (408) and its connection closes.
     *
     * @param bytesPerSecond zero turns the check off; default 1,024
     * @return this builder
     */
    public Builder minRequestDataRate(long bytesPerSecond) {
      if (bytesPerSecond < 0) {
        throw new IllegalArgumentException("minRequestDataRate must not be negative, was " + bytesPerSecond);
      }
      this.minRequestDataRate = bytesPerSecond;
      return this;
    }

    /**
     * Sets how long calls in flight may take to finish when the server stops.
     *
     * @param grace zero or more; default 10 s
     * @return this builder
     */
    public Builder shutdownGrace(Duration grace) {
      Objects.requireNonNull(grace, "grace");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("shutdownGrace must not be negative, was " + grace);
      }
      this.shutdownGrace = grace;
      return this;
    }

    /**
     * Sets whether the JVM's shutdown (SIGTERM, Ctrl-C) stops the server gracefully; default true.
     *
     * @param enabled whether to register a shutdown hook
     * @return this builder
     */
    public Builder stopOnShutdown(boolean enabled) {
      this.stopOnShutdown = enabled;
      return this;
    }

    /**
     * Serves a servlet for operators, such as Prometheus metrics, on a port of its own that listens on
     * 127.0.0.1 only, apart from the MCP endpoint (so that the endpoint's clients never reach it).
     * Every admin servlet shares the one admin port.
     *
     * @param port the admin port, 0 for a free one ({@link JettyMcpServer#adminUri()} tells which)
     * @param path where the servlet answers, like {@code /metrics}
     * @param adminServlet the servlet
     * @return this builder
     */
    public Builder adminServlet(int port, String path, HttpServlet adminServlet) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
      }
      if (adminPort >= 0 && adminPort != port) {
        throw new IllegalArgumentException("every admin servlet shares one port: " + adminPort + ", not " + port);
      }
      adminPort = port;
      adminServlets.put(requirePath(path), Objects.requireNonNull(adminServlet, "adminServlet"));
      return this;
    }

    /**
     * Starts the server.
     *
     * @return the running server
     * @throws IllegalStateException when it cannot start, for example because the port is taken
     */
    public JettyMcpServer start() {
      if (!isLoopback(host) && !TransportInternals.hostPolicyChosen(servlet)) {
        throw new IllegalStateException("the server would listen on " + host + ", beyond this machine, but its"
            + " McpServlet names no allowed hosts: set McpServlet.Builder.allowedHosts(...) to the names clients use,"
            + " or allowAnyHost() behind a proxy that checks Host itself");
      }
      QueuedThreadPool threads = new QueuedThreadPool(maxThreads, 8);
      threads.setName("mcp-jetty");
      Server jetty = new Server(threads);
      HttpConfiguration http = new HttpConfiguration();
      http.setSendServerVersion(false);
      ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
      connector.setHost(host);
      connector.setPort(port);
      connector.setIdleTimeout(idleTimeout.toMillis());
      jetty.addConnector(connector);
      jetty.addBean(new NetworkConnectionLimit(maxConnections, connector));
      ServletContextHandler context = new ServletContextHandler("/");
      context.setErrorHandler(new JsonErrorHandler());
      mount(context, path, servlet);
      if (!path.equals(HEALTH)) {
        context.addServlet(new ServletHolder("mcp-health", servlet.healthServlet()), HEALTH);
      }
      context.addServlet(new ServletHolder("not-found", new EndpointNotFound(path)), "/");
      ServerConnector admin = adminServlets.isEmpty() ? null : adminConnector(jetty, adminPort);
      Handler handler = context;
      if (admin != null) {
        // Each context answers on its own connector only: the admin servlets never on the MCP port.
        connector.setName("mcp");
        context.setVirtualHosts(List.of("@mcp"));
        ServletContextHandler adminContext = new ServletContextHandler("/");
        adminContext.setVirtualHosts(List.of("@admin"));
        adminContext.setErrorHandler(new JsonErrorHandler());
        adminServlets.forEach((where, each) -> adminContext.addServlet(new ServletHolder(each), where));
        handler = new ContextHandlerCollection(context, adminContext);
      }
      // Bodies must arrive at a minimum rate; responses have none (an idle SSE stream writes nothing for long).
      jetty.setHandler(minRequestDataRate == 0 ? handler : new MinimumDataRateHandler(handler, minRequestDataRate, 0));
      jetty.setErrorHandler(new ServerJsonErrorHandler());
      // close() drains the MCP calls and streams itself; Jetty's graceful wait would only idle on keep-alive connections.
      jetty.setStopTimeout(0);
      try {
        jetty.start();
      } catch (Exception e) {
        try {
          jetty.stop();
        } catch (Exception ignored) {
          // best effort
        }
        throw new IllegalStateException("could not start Jetty on " + host + ":" + port + ": " + e.getMessage(), e);
      }
      JettyMcpServer running = new JettyMcpServer(jetty, connector, admin, path, servlet, shutdownGrace);
      if (stopOnShutdown) {
        Thread hook = new Thread(running::close, "mcp-shutdown");
        running.shutdownHook = hook;
        Runtime.getRuntime().addShutdownHook(hook);
      }
      return running;
    }
  }
}
