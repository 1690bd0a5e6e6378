package dev.switchboard.docs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.server.McpServer;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The README's code, compiled as a user would write it, then served and called over HTTP. */
class ReadmeExamplesTest {
  private static ClassLoader examples;

  @BeforeAll
  static void compile() throws Exception {
    List<String> classes = JavaSnippets.classesIn(JavaSnippets.docsRoot().resolve("README.md"));
    assertEquals(2, classes.size(), "the README shows a standalone server and a mounted one");
    examples = JavaSnippets.compile(classes);
  }

  private static void echoesOver(URI endpoint) {
    String session = given().baseUri(endpoint.toString())
        .header("Accept", "application/json, text/event-stream").contentType("application/json")
        .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"docs\",\"version\":\"1\"}}}")
        .post().then().statusCode(200).body("result.serverInfo.name", equalTo("echo-server"))
        .extract().header("Mcp-Session-Id");
    given().baseUri(endpoint.toString())
        .header("Accept", "application/json, text/event-stream").contentType("application/json")
        .header("Mcp-Session-Id", session)
        .body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
            + "\"arguments\":{\"text\":\"hello from the README\"}}}")
        .post().then().statusCode(200).body("result.content[0].text", equalTo("hello from the README"));
  }

  @Test
  void theStandaloneExampleServesItsTool() throws Exception {
    Class<?> echoServer = examples.loadClass("EchoServer");
    Method main = echoServer.getMethod("main", String[].class);
    assertEquals(true, Modifier.isStatic(main.getModifiers()));
    McpServer server = (McpServer) echoServer.getMethod("server").invoke(null);
    try (JettyMcpServer running = JettyMcpServer.builder(server).stopOnShutdown(false).start()) {
      echoesOver(running.uri());
    }
  }

  @Test
  void theMountedExampleServesItsToolInsideAnExistingApplication() throws Exception {
    Class<?> application = examples.loadClass("MyApplication");
    application.getMethod("main", String[].class);
    Method addEndpoint = application.getDeclaredMethod("addMcpEndpoint", ServletContextHandler.class);
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    addEndpoint.setAccessible(true);
    addEndpoint.invoke(null, context);
    jetty.setHandler(context);
    jetty.start();
    try {
      echoesOver(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/mcp"));
    } finally {
      jetty.stop();
    }
  }
}
