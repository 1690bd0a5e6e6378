package dev.switchboard.mcp.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.server.McpServer;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@link McpServerTest}, {@link ServerUnderTest} and {@link BothEras}, seen from outside: test
 * classes run by a JUnit launcher of their own, whose servers and clients are then checked.
 */
class ExtensionTest {
  /** What the classes run here saw: servers, sessions, revisions, and the clients to check afterwards. */
  static final List<URI> SERVERS = new CopyOnWriteArrayList<>();
  static final List<McpTestClient> CLIENTS = new CopyOnWriteArrayList<>();

  /** What one launcher run reported. */
  record Run(List<String> passed, List<String> failed) {}

  private static Run run(Class<?> testClass) {
    SERVERS.clear();
    CLIENTS.clear();
    List<String> passed = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(),
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            String name = test.getDisplayName();
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
              failed.add(name + ": " + result.getThrowable().map(Throwable::getMessage).orElse("?"));
            } else if (test.isTest()) {
              passed.add(name);
            }
          }
        });
    return new Run(passed, failed);
  }

  private static boolean listening(URI uri) {
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      return socket.isConnected();
    } catch (IOException e) {
      return false;
    }
  }

  /** A static server: one for the class, clients injected into fields and parameters. */
  @McpServerTest
  static class StaticServer {
    @ServerUnderTest
    static KitTools tools = new KitTools();

    McpTestServer server;
    McpTestClient client;

    @BeforeAll
    static void before(McpTestServer server) {
      SERVERS.add(server.uri());
    }

    @Test
    void first(McpTestClient parameter) {
      SERVERS.add(server.uri());
      CLIENTS.add(client);
      CLIENTS.add(parameter);
      client.callTool("echo", Map.of("text", "field"));
      parameter.callTool("echo", Map.of("text", "parameter"));
    }

    @Test
    void second() {
      SERVERS.add(server.uri());
      CLIENTS.add(client);
      client.callTool("echo", Map.of("text", "field"));
    }
  }

  @Test
  void aStaticServerServesTheWholeClassAndClientsEndWithTheirTest() {
    Run run = run(StaticServer.class);
    assertEquals(List.of(), run.failed());
    assertEquals(2, run.passed().size());
    assertEquals(3, SERVERS.size());
    assertEquals(1, SERVERS.stream().distinct().count(), "one server for the class: " + SERVERS);
    assertEquals(3, CLIENTS.stream().map(client -> client.sessionId().orElseThrow()).distinct().count(),
        "a client, and a session, per field and parameter per test");
    for (McpTestClient client : CLIENTS) {
      assertEquals("DELETE", client.lastExchange().method(), "the session ended after its test");
    }
    assertTrue(!listening(SERVERS.get(0)), "the server stopped after the class");
  }

  /** An instance server: one per test, from a method. */
  @McpServerTest(revision = ProtocolVersion.V2026_07_28)
  static class InstanceServer {
    @ServerUnderTest
    McpServer server() {
      return KitTools.server(new KitTools());
    }

    @Test
    void one(McpTestServer server, McpTestClient client) {
      SERVERS.add(server.uri());
      CLIENTS.add(client);
    }

    @Test
    void two(McpTestServer server) {
      SERVERS.add(server.uri());
    }
  }

  @Test
  void anInstanceServerServesOneTestAndTheClassChoosesTheRevision() {
    Run run = run(InstanceServer.class);
    assertEquals(List.of(), run.failed());
    assertEquals(2, SERVERS.size());
    assertNotEquals(SERVERS.get(0), SERVERS.get(1), "a server per test");
    assertTrue(CLIENTS.get(0).isStateless(), "the class's revision");
    SERVERS.forEach(uri -> assertTrue(!listening(uri), "stopped after its test: " + uri));
  }

  /** One test, run in both eras. */
  @McpServerTest
  static class BothErasRuns {
    @ServerUnderTest
    static KitTools tools = new KitTools();

    McpTestClient field;

    @BothEras
    void ordersALamp(McpTestClient client) {
      CLIENTS.add(client);
      assertEquals(client.revision(), field.revision(), "a field gets the run's era too");
      McpAssertions.assertThat(client.call("order").argument("item", "lamp")
          .answering(ClientScript.acceptElicitation(Map.of("confirm", true))).send()).hasText("Ordered lamp.");
    }

    @BothEras({ProtocolVersion.V2025_03_26})
    void onlyTheOldest(McpTestClient client) {
      CLIENTS.add(client);
    }
  }

  @Test
  void bothErasRunsATestOncePerEraWithClientsOfThatEra() {
    Run run = run(BothErasRuns.class);
    assertEquals(List.of(), run.failed());
    assertTrue(run.passed().containsAll(List.of("sessions 2025-11-25", "stateless 2026-07-28", "sessions 2025-03-26")),
        run.passed().toString());
    assertEquals(Set.of(ProtocolVersion.V2025_11_25, ProtocolVersion.V2026_07_28, ProtocolVersion.V2025_03_26),
        Set.copyOf(CLIENTS.stream().map(McpTestClient::revision).toList()));
    assertEquals(3, CLIENTS.size());
  }

  /** No server declared: the parameter cannot be given. */
  @McpServerTest
  static class NoServer {
    @Test
    void wantsAClient(McpTestClient client) {
      assertNotNull(client);
    }
  }

  /** Two servers declared: refused. */
  @McpServerTest
  static class TwoServers {
    @ServerUnderTest
    static KitTools one = new KitTools();

    @ServerUnderTest
    static KitTools two = new KitTools();

    @Test
    void runs() {}
  }

  @Test
  void mistakesAreExplained() {
    Run none = run(NoServer.class);
    assertEquals(1, none.failed().size());
    assertTrue(none.failed().get(0).contains("no server to give"), none.failed().toString());
    Run two = run(TwoServers.class);
    assertTrue(two.passed().isEmpty());
    assertEquals(1, two.failed().size(), two.failed().toString());
    assertTrue(two.failed().get(0).contains("more than one @ServerUnderTest"), two.failed().toString());
  }
}
