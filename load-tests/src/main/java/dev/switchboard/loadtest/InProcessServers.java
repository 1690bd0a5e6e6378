package dev.switchboard.loadtest;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.ElicitationResult;
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
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The servers under test, in this process on one Jetty on 127.0.0.1: Switchboard at {@code /mcp}
 * (tools {@code echo}, {@code stream}, {@code large}, {@code confirm_echo}) and the official MCP Java SDK's servlet
 * Streamable HTTP transport at {@code /sdk} (the same {@code echo}). Both share the connector and
 * the thread pool, so neither gets a better Jetty than the other. Given a {@link TokenCheck}, the same
 * Switchboard server is also at {@code /mcp-auth}, checking access tokens.
 */
final class InProcessServers implements AutoCloseable {
  private static final Map<String, Object> ECHO_SCHEMA = Map.of("type", "object",
      "properties", Map.of("text", Map.of("type", "string")), "required", List.of("text"));
  static final String SWITCHBOARD = "Switchboard";
  static final String SDK = "MCP Java SDK";
  /** The path of the endpoint that checks access tokens, when there is one. */
  static final String PROTECTED_PATH = "/mcp-auth";
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
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("jetty");
    jetty = new Server(threads);
    connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    connector.setIdleTimeout(Duration.ofSeconds(60).toMillis());
    jetty.addConnector(connector);
    try {
      connector.open(); // the port first: the protected endpoint's resource URI names it
    } catch (IOException e) {
      throw new IllegalStateException("could not listen on 127.0.0.1: " + e.getMessage(), e);
    }

    switchboard = switchboardServlet(sessionTtl, expiries, null);
    guarded = tokenCheck == null ? null : switchboardServlet(sessionTtl, guardedExpiries,
        Authorization.builder(base().resolve(PROTECTED_PATH))
            .authorizationServers(tokenCheck.issuer())
            .scopesSupported(TokenIssuer.SCOPE)
            .tokenVerifier(JwtTokenVerifier.builder(tokenCheck.issuer(), base().resolve(PROTECTED_PATH))
                .jwksUri(tokenCheck.jwksUri())
                .build())
            .build());

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
   * A Switchboard endpoint of the load target's server.
   *
   * @param authorization null for none
   */
  private static McpServlet switchboardServlet(Duration sessionTtl, Target.ExpiryLog expiries,
      Authorization authorization) {
    McpServlet.Builder builder = McpServlet.builder(switchboardServer())
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
    return builder.build();
  }

  /** The form {@code confirm_echo} asks the user to fill in. */
  record Confirmation(boolean confirmed) {}

  /**
   * The Switchboard server: an echo, a tool that streams progress, one with a large result, and an
   * echo that first asks the user to confirm (one elicitation: in 2026-07-28, a multi-round call).
   */
  static McpServer switchboardServer() {
    return switchboardTools().build();
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
