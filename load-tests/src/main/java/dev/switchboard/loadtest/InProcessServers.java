package dev.switchboard.loadtest;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.ElicitationResult;
import dev.switchboard.mcp.protocol.ReadResourceResult;
import dev.switchboard.mcp.protocol.Resource;
import dev.switchboard.mcp.protocol.ResourceContents;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.server.McpServerBuilder;
import dev.switchboard.mcp.session.McpSession;
import dev.switchboard.mcp.session.SessionEnd;
import dev.switchboard.mcp.session.SessionListener;
import dev.switchboard.mcp.transport.Authorization;
import dev.switchboard.mcp.transport.ClientLimits;
import dev.switchboard.mcp.transport.JwtTokenVerifier;
import dev.switchboard.mcp.transport.McpServlet;
import dev.switchboard.mcp.transport.RedisFleet;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The servers under test, in this process on one Jetty on 127.0.0.1: Switchboard at {@code /mcp}
 * (tools {@code echo}, {@code stream}, {@code large}, {@code confirm_echo} and {@code poke}, the subscribable
 * resource {@code mem://ticker}; {@code /health} for load balancers) and the official MCP Java SDK's servlet
 * Streamable HTTP transport at {@code /sdk} (the same {@code echo}). Both share the connector and
 * the thread pool, so neither gets a better Jetty than the other. Given a {@link TokenCheck}, the same
 * Switchboard server is also at {@code /mcp-auth}, checking access tokens. Given a {@link Node} with a
 * fleet, Switchboard at {@code /mcp} is one node of a fleet sharing sessions and changes through Redis.
 */
final class InProcessServers implements AutoCloseable {
  private static final Map<String, Object> ECHO_SCHEMA = Map.of("type", "object",
      "properties", Map.of("text", Map.of("type", "string")), "required", List.of("text"));
  static final String SWITCHBOARD = "Switchboard";
  static final String SDK = "MCP Java SDK";
  /** The path of the endpoint that checks access tokens, when there is one. */
  static final String PROTECTED_PATH = "/mcp-auth";
  /** The resource whose updates the cluster's listeners count: subscribe to it, then {@link #POKE}. */
  static final String TICKER = "mem://ticker";
  /** The tool that announces an update of {@link #TICKER} (on every node of a fleet) and names its node. */
  static final String POKE = "poke";
  /** Where a fleet's node finds the key its multi-round calls share with the other nodes (hex). */
  static final String REQUEST_STATE_KEY_VARIABLE = "LOAD_TEST_REQUEST_STATE_KEY";
  private final Server jetty;
  private final ServerConnector connector;
  private final McpServlet switchboard;
  /** The same server at {@link #PROTECTED_PATH}, checking access tokens; null when there is none. */
  private final McpServlet guarded;
  private final McpSyncServer sdk;
  private final Target.ExpiryLog expiries = new Target.ExpiryLog();
  private final Target.ExpiryLog guardedExpiries = new Target.ExpiryLog();

  InProcessServers(Duration sessionTtl) {
    this(sessionTtl, null);
  }

  /**
   * @param tokenCheck when not null, a second Switchboard endpoint at {@code /mcp-auth}, alike but for
   *     checking access tokens: see {@link #protectedSwitchboard()}
   */
  InProcessServers(Duration sessionTtl, TokenCheck tokenCheck) {
    this(sessionTtl, tokenCheck, Node.ALONE);
  }

  /**
   * @param tokenCheck as above, or null
   * @param node where Switchboard listens, and the fleet it is a node of
   */
  InProcessServers(Duration sessionTtl, TokenCheck tokenCheck, Node node) {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("jetty");
    jetty = new Server(threads);
    connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(node.port());
    connector.setIdleTimeout(Duration.ofSeconds(60).toMillis());
    jetty.addConnector(connector);
    try {
      connector.open(); // the port first: the protected endpoint's resource URI names it
    } catch (IOException e) {
      throw new IllegalStateException("could not listen on 127.0.0.1: " + e.getMessage(), e);
    }

    switchboard = switchboardServlet(sessionTtl, expiries, null, node);
    guarded = tokenCheck == null ? null : switchboardServlet(sessionTtl, guardedExpiries,
        Authorization.builder(base().resolve(PROTECTED_PATH))
            .authorizationServers(tokenCheck.issuer())
            .scopesSupported(TokenIssuer.SCOPE)
            .tokenVerifier(JwtTokenVerifier.builder(tokenCheck.issuer(), base().resolve(PROTECTED_PATH))
                .jwksUri(tokenCheck.jwksUri())
                .build())
            .build(), Node.ALONE);

    HttpServletStreamableServerTransportProvider sdkTransport =
        HttpServletStreamableServerTransportProvider.builder().mcpEndpoint("/sdk").build();
    sdk = io.modelcontextprotocol.server.McpServer.sync(sdkTransport)
        .serverInfo("sdk-echo", "1.0.0")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .toolCall(McpSchema.Tool.builder().name("echo").description("Returns the text it is given")
                .inputSchema(ECHO_SCHEMA).build(),
            (exchange, request) -> McpSchema.CallToolResult.builder()
                .addTextContent((String) request.arguments().get("text")).build())
        .build();

    ServletContextHandler context = new ServletContextHandler("/");
    JettyMcpServer.mount(context, "/mcp", switchboard);
    // 200 while it takes work, 503 once it shuts down: what the cluster's HAProxy checks
    context.addServlet(new ServletHolder("health", switchboard.healthServlet()), "/health");
    if (guarded != null) {
      JettyMcpServer.mount(context, PROTECTED_PATH, guarded);
    }
    ServletHolder sdkHolder = new ServletHolder("sdk", sdkTransport);
    sdkHolder.setAsyncSupported(true);
    context.addServlet(sdkHolder, "/sdk");
    jetty.setHandler(context);
    jetty.setStopTimeout(0);
    try {
      jetty.start();
    } catch (Exception e) {
      throw new IllegalStateException("could not start Jetty: " + e.getMessage(), e);
    }
  }

  /**
   * Where a protected endpoint's keys come from.
   *
   * @param issuer the authorization server's issuer identifier, every token's {@code iss}
   * @param jwksUri its JWK Set (no metadata discovery)
   */
  record TokenCheck(URI issuer, URI jwksUri) {}

  /**
   * Where Switchboard serves, and with whom.
   *
   * @param port its port on 127.0.0.1, or 0 for a free one
   * @param fleet the fleet it is a node of, or null to serve alone
   * @param requestStateKey the key its multi-round calls share with the fleet's other nodes, or null for
   *     a key of its own
   */
  record Node(int port, RedisFleet fleet, byte[] requestStateKey) {
    /** A free port, no fleet: how every mode but the cluster serves. */
    static final Node ALONE = new Node(0, null, null);
  }

  /**
   * A Switchboard endpoint of the load target's server.
   *
   * @param authorization null for none
   */
  private static McpServlet switchboardServlet(Duration sessionTtl, Target.ExpiryLog expiries,
      Authorization authorization, Node node) {
    McpServlet.Builder builder = McpServlet.builder(switchboardServer(node))
        .sessionIdleTimeout(sessionTtl)
        .maxSessions(50_000)
        // Every simulated agent connects from 127.0.0.1, which the default limits count as one client:
        // this server trusts its load generator as a gateway would, with room for the largest runs.
        // (With authorization, each client is a principal; the limits are as high.)
        .clientLimits(ClientLimits.defaults().withSessionsPerClient(50_000).withStreamsPerClient(50_000)
            .withCallsPerClient(50_000).withCallsInFlight(50_000))
        .sessionListener(new SessionListener() {
          @Override
          public void sessionClosed(McpSession session, SessionEnd reason) {
            if (reason == SessionEnd.EXPIRED) {
              expiries.expired(session.id());
            }
          }
        });
    if (authorization != null) {
      builder.authorization(authorization);
    }
    if (node.fleet() != null) {
      builder.fleet(node.fleet());
    }
    return builder.build();
  }

  /** The form {@code confirm_echo} asks the user to fill in. */
  record Confirmation(boolean confirmed) {}

  /**
   * The Switchboard server: an echo, a tool that streams progress, one with a large result, an echo
   * that first asks the user to confirm (one elicitation: in 2026-07-28, a multi-round call), and
   * {@code poke}, which announces an update of {@code mem://ticker} (whose contents count the pokes this
   * server announced) and answers with the node's name.
   */
  static McpServer switchboardServer(Node node) {
    AtomicLong pokes = new AtomicLong();
    McpServerBuilder builder = switchboardTools().resource(Resource.of(TICKER, "ticker", "text/plain"),
        (uri, context) -> ReadResourceResult.of(ResourceContents.text(uri, "text/plain",
            Long.toString(pokes.get()))));
    if (node.requestStateKey() != null) {
      builder.requestStateKey(node.requestStateKey());
    }
    McpServer server = builder.build();
    String name = node.fleet() == null ? SWITCHBOARD : node.fleet().instanceId();
    // poke tells the server it belongs to: added once that server exists
    server.addTool(Tool.builder(POKE).description("Announces an update of " + TICKER + " and names the node")
        .inputSchema("{\"type\":\"object\"}").build(), (arguments, context) -> {
          pokes.incrementAndGet();
          server.notifyResourceUpdated(TICKER);
          return CallToolResult.text(name);
        });
    return server;
  }

  /** The Switchboard server's builder with its tools, for a server that adds more ({@link NoisyServer}). */
  static McpServerBuilder switchboardTools() {
    Tool echo = Tool.builder("echo").description("Returns the text it is given")
        .inputSchema("{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},\"required\":[\"text\"]}")
        .build();
    Tool stream = Tool.builder("stream").description("Reports progress steps, then returns the token")
        .inputSchema("{\"type\":\"object\",\"properties\":{\"token\":{\"type\":\"string\"},"
            + "\"steps\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":100}},\"required\":[\"token\",\"steps\"]}")
        .build();
    Tool large = Tool.builder("large").description("Returns a text of the given size, framed by the token")
        .inputSchema("{\"type\":\"object\",\"properties\":{\"token\":{\"type\":\"string\"},"
            + "\"bytes\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":16777216}},\"required\":[\"token\",\"bytes\"]}")
        .build();
    Tool confirmEcho = Tool.builder(Wire.CONFIRM_ECHO)
        .description("Asks the user to confirm, then returns the text; the question names the token")
        .inputSchema("{\"type\":\"object\",\"properties\":{\"token\":{\"type\":\"string\"},"
            + "\"text\":{\"type\":\"string\"}},\"required\":[\"token\",\"text\"]}")
        .build();
    return McpServer.builder("switchboard-load-target", "1.0.0")
        .tool(echo, (arguments, context) -> CallToolResult.text(arguments.string("text")))
        .tool(stream, (arguments, context) -> {
          int steps = arguments.json().get("steps").asInt();
          for (int step = 1; step <= steps; step++) {
            context.progress(step, (double) steps, null);
          }
          return CallToolResult.text(arguments.string("token"));
        })
        .tool(large, (arguments, context) -> {
          String token = arguments.string("token");
          return CallToolResult.text(framed(token, arguments.json().get("bytes").asInt()));
        })
        .tool(confirmEcho, (arguments, context) -> {
          // The token in the question lets the client check that the question is its own.
          ElicitationResult<Confirmation> answer =
              context.elicit("Confirm " + arguments.string("token"), Confirmation.class);
          if (!answer.accepted() || !answer.value().map(Confirmation::confirmed).orElse(false)) {
            return CallToolResult.error("not confirmed: " + answer.action());
          }
          return CallToolResult.text(arguments.string("text"));
        });
  }

  /** {@code token|…filler…|token}, exactly {@code bytes} characters long (when that is long enough). */
  static String framed(String token, int bytes) {
    StringBuilder text = new StringBuilder(bytes).append(token).append('|');
    int fillTo = bytes - token.length() - 1;
    while (text.length() < fillTo) {
      text.append((char) ('a' + text.length() % 26));
    }
    return text.append('|').append(token).toString();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  Target switchboard() {
    return new Target(SWITCHBOARD, base().resolve("/mcp"), switchboard::sessionCount, expiries, true,
        Target::thisProcessLessDriver);
  }

  /**
   * The Switchboard endpoint that checks access tokens (an OAuth resource server whose resource is its
   * URL, verifying RS256 JWTs with the keys at the {@link TokenCheck}'s JWKS): the same tools and
   * settings as {@link #switchboard()}, on the same Jetty. Its agents need tokens ({@link Target#withBearerTokens}).
   *
   * @throws IllegalStateException when these servers were made without a {@link TokenCheck}
   */
  Target protectedSwitchboard() {
    if (guarded == null) {
      throw new IllegalStateException("no endpoint checks tokens: give a TokenCheck");
    }
    return new Target(SWITCHBOARD + " " + PROTECTED_PATH, base().resolve(PROTECTED_PATH), guarded::sessionCount,
        guardedExpiries, true, Target::thisProcessLessDriver);
  }

  Target sdk() {
    return new Target(SDK, base().resolve("/sdk"), null, null, false, Target::thisProcessLessDriver);
  }

  @Override
  public void close() {
    try {
      switchboard.shutdown(Duration.ofSeconds(2));
      if (guarded != null) {
        guarded.shutdown(Duration.ofSeconds(2));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sdk.close();
    try {
      jetty.stop();
    } catch (Exception e) {
      // stopping anyway
    }
  }
}
