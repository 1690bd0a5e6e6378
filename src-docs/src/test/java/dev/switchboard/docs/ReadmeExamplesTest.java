package dev.switchboard.docs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.server.McpServer;
import io.restassured.response.ValidatableResponse;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The documentation's code, compiled as a user would write it, then served and called over HTTP. */
class ReadmeExamplesTest {
  private static ClassLoader examples;

  @BeforeAll
  static void compile() throws Exception {
    List<String> readme = JavaSnippets.classesIn(JavaSnippets.docsRoot().resolve("README.md"));
    // Its test of the annotated server is compiled and run with the testing page's examples (TestingPageTest).
    readme.removeIf(JavaSnippets::isTest);
    assertEquals(4, readme.size(),
        "the README shows the smallest server, an annotated one, a programmatic one, and a mounted one");
    List<String> all = new ArrayList<>(readme);
    all.addAll(JavaSnippets.classesIn(JavaSnippets.docsRoot().resolve("src-docs/programming-model.md")));
    all.addAll(JavaSnippets.classesIn(JavaSnippets.docsRoot().resolve("src-docs/talking-to-the-client.md")));
    all.addAll(JavaSnippets.classesIn(JavaSnippets.docsRoot().resolve("src-docs/serving-both-eras.md")));
    all.addAll(JavaSnippets.classesIn(JavaSnippets.docsRoot().resolve("src-docs/limits.md")));
    all.addAll(JavaSnippets.classesIn(JavaSnippets.docsRoot().resolve("src-docs/securing-a-server.md")));
    all.addAll(JavaSnippets.classesIn(JavaSnippets.docsRoot().resolve("src-docs/running-several-instances.md")));
    examples = JavaSnippets.compile(all);
  }

  /** A client session against an endpoint. */
  private static final class Session {
    private final URI endpoint;
    private final String id;

    Session(URI endpoint, String serverName) {
      this.endpoint = endpoint;
      this.id = given().baseUri(endpoint.toString())
          .header("Accept", "application/json, text/event-stream").contentType("application/json")
          .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
              + "\"capabilities\":{},\"clientInfo\":{\"name\":\"docs\",\"version\":\"1\"}}}")
          .post().then().statusCode(200).body("result.serverInfo.name", equalTo(serverName))
          .extract().header("Mcp-Session-Id");
    }

    ValidatableResponse rpc(String method, String params) {
      return given().baseUri(endpoint.toString())
          .header("Accept", "application/json, text/event-stream").contentType("application/json")
          .header("Mcp-Session-Id", id)
          .body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"" + method + "\",\"params\":" + params + "}")
          .post().then().statusCode(200);
    }
  }

  private static McpServer server(String exampleClass) throws Exception {
    return (McpServer) examples.loadClass(exampleClass).getMethod("server").invoke(null);
  }

  private static void hasMain(String exampleClass) throws Exception {
    Method main = examples.loadClass(exampleClass).getMethod("main", String[].class);
    assertTrue(Modifier.isStatic(main.getModifiers()));
  }

  private static void weatherWorks(Session session) {
    session.rpc("tools/call", "{\"name\":\"weather\",\"arguments\":{\"city\":\"Oslo\"}}")
        .body("result.structuredContent.city", equalTo("Oslo"))
        .body("result.structuredContent.units", equalTo("METRIC"));
  }

  @Test
  void theAnnotatedExampleServesItsToolResourceAndPrompt() throws Exception {
    hasMain("WeatherServer");
    try (JettyMcpServer running = JettyMcpServer.builder(server("WeatherServer")).stopOnShutdown(false).start()) {
      Session session = new Session(running.uri(), "weather");
      weatherWorks(session);
      session.rpc("tools/call", "{\"name\":\"weather\",\"arguments\":{\"city\":\"Oslo\",\"units\":\"KELVIN\"}}")
          .body("result.isError", equalTo(true))
          .body("result.content[0].text", containsString("'units' must be one of [\"METRIC\", \"IMPERIAL\"]"));
      session.rpc("resources/read", "{\"uri\":\"weather://cities\"}")
          .body("result.contents[0].text", equalTo("[\"Oslo\",\"Lima\"]"));
      session.rpc("prompts/get", "{\"name\":\"plan\",\"arguments\":{\"city\":\"Lima\"}}")
          .body("result.messages[0].content.text", containsString("Lima"));
    }
  }

  @Test
  void theProgrammaticExampleServesItsTool() throws Exception {
    try (JettyMcpServer running = JettyMcpServer.builder(server("EchoServer")).stopOnShutdown(false).start()) {
      new Session(running.uri(), "echo-server")
          .rpc("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"hello from the README\"}}")
          .body("result.content[0].text", equalTo("hello from the README"));
    }
  }

  @Test
  void theMountedExampleServesItsToolInsideAnExistingApplication() throws Exception {
    hasMain("MyApplication");
    Method addEndpoint = examples.loadClass("MyApplication").getDeclaredMethod("addMcpEndpoint",
        ServletContextHandler.class);
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
      weatherWorks(new Session(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/mcp"), "weather"));
    } finally {
      jetty.stop();
    }
  }

  @Test
  void theBookingExampleElicitsSamplesAndNotifies() throws Exception {
    try (JettyMcpServer running = JettyMcpServer.builder(server("BookingServer")).stopOnShutdown(false).start()) {
      HttpClient http = HttpClient.newHttpClient();
      String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-11-25\",\"capabilities\":{\"elicitation\":{},\"sampling\":{}},\"clientInfo\":{\"name\":\"d\",\"version\":\"1\"}}}";
      String session = post(http, running.uri(), null, initialize).headers().firstValue("Mcp-Session-Id").orElseThrow();
      HttpResponse<Stream<String>> call = http.send(request(running.uri(), session,
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"book\","
              + "\"arguments\":{\"flight\":\"SB101\"}}}"), HttpResponse.BodyHandlers.ofLines());
      String result = null;
      for (String line : (Iterable<String>) call.body()::iterator) {
        if (!line.startsWith("data: ")) {
          continue;
        }
        JsonNode message = JsonMapper.shared()
            .readTree(line.substring(6));
        String method = message.path("method").asString("");
        if (method.equals("elicitation/create")) {
          assertEquals("By the window",
              message.at("/params/requestedSchema/properties/seat/oneOf/0/title").asString());
          post(http, running.uri(), session, "{\"jsonrpc\":\"2.0\",\"id\":" + message.get("id")
              + ",\"result\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\",\"seat\":\"WINDOW\"}}}");
        } else if (method.equals("sampling/createMessage")) {
          post(http, running.uri(), session, "{\"jsonrpc\":\"2.0\",\"id\":" + message.get("id")
              + ",\"result\":{\"role\":\"assistant\",\"model\":\"m\",\"content\":{\"type\":\"text\","
              + "\"text\":\"Have a nice flight!\"}}}");
        } else if (message.has("result")) {
          result = message.at("/result/content/0/text").asString();
          break;
        }
      }
      assertEquals("Booked SB101 for Ada (WINDOW). Have a nice flight!", result);
    }
  }

  private static HttpRequest request(URI uri, String session, String body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      builder.header("Mcp-Session-Id", session);
    }
    return builder.build();
  }

  private static HttpResponse<String> post(HttpClient http, URI uri, String session,
      String body) throws Exception {
    return http.send(request(uri, session, body), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theProgrammingModelExampleServesAToolAResourceAndCompletion() throws Exception {
    try (JettyMcpServer running = JettyMcpServer.builder(server("TablesServer")).stopOnShutdown(false).start()) {
      Session session = new Session(running.uri(), "tables");
      session.rpc("tools/call", "{\"name\":\"describe\",\"arguments\":{\"table\":\"orders\"}}")
          .body("result.structuredContent.columns", hasItem("total"));
      session.rpc("tools/call", "{\"name\":\"describe\",\"arguments\":{\"table\":\"nope\"}}")
          .body("result.isError", equalTo(true)).body("result.content[0].text", containsString("no table named nope"));
      session.rpc("resources/read", "{\"uri\":\"db://tables/customers\"}")
          .body("result.contents[0].text", containsString("country"));
      session.rpc("completion/complete", "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"db://tables/{name}\"},"
          + "\"argument\":{\"name\":\"name\",\"value\":\"c\"}}")
          .body("result.completion.values", hasItem("customers"));
    }
  }

  @Test
  void theNullMarkedExampleRequiresWhatItPromisesAndAllowsTheNullItReturns() throws Exception {
    try (JettyMcpServer running = JettyMcpServer.builder(server("ForecastTools")).stopOnShutdown(false).start()) {
      Session session = new Session(running.uri(), "forecasts");
      session.rpc("tools/list", "{}")
          .body("result.tools[0].outputSchema.required", equalTo(List.of("city", "temperature")))
          .body("result.tools[0].outputSchema.properties.note.type", equalTo(List.of("string", "null")));
      session.rpc("tools/call", "{\"name\":\"forecast\",\"arguments\":{\"city\":\"Oslo\"}}")
          .body("result.isError", equalTo(false))
          .body("result.structuredContent.city", equalTo("Oslo"));
    }
  }

  @Test
  void theSmallestServerIsCompiledAndServesItsTool() throws Exception {
    hasMain("HelloServer");
    Object tools = examples.loadClass("HelloServer").getConstructor().newInstance();
    McpServer server = McpServer.builder("hello", "1.0.0").register(tools).build();
    try (JettyMcpServer running = JettyMcpServer.builder(server).stopOnShutdown(false).start()) {
      new Session(running.uri(), "hello").rpc("tools/call", "{\"name\":\"hello\",\"arguments\":{\"name\":\"Ada\"}}")
          .body("result.content[0].text", equalTo("Hello, Ada!"));
    }
  }

  /**
   * The two-eras page's example, over the 2026-07-28 wire: three rounds (two questions at once, then
   * an approval), the work wrapped in once() done once, the booking made once, the header argument
   * checked; and the same server still serving a session.
   */
  @Test
  void theTripExampleTakesThreeRoundsStatelesslyAndStillServesSessions() throws Exception {
    Class<?> type = examples.loadClass("TripServer");
    Object trips = type.getConstructor().newInstance();
    byte[] key = "a key every instance of the fleet shares".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    McpServer server = (McpServer) type.getMethod("server", type, byte[].class).invoke(null, trips, key);
    try (JettyMcpServer running = JettyMcpServer.builder(server).stopOnShutdown(false).start()) {
      HttpClient http = HttpClient.newHttpClient();
      JsonNode r1 = stateless(http, running.uri(), 1, "{}");
      assertEquals("input_required", r1.at("/result/resultType").asString(), r1.toString());
      assertEquals("elicitation/create", r1.at("/result/inputRequests/traveller/method").asString());
      assertEquals("roots/list", r1.at("/result/inputRequests/workspace/method").asString());
      JsonNode r2 = stateless(http, running.uri(), 2, "{\"traveller\":{\"action\":\"accept\",\"content\":"
          + "{\"name\":\"Ada\"}},\"workspace\":{\"roots\":[{\"uri\":\"file:///trips\"}]}},\"requestState\":"
          + r1.at("/result/requestState"));
      assertEquals("Book Oslo for Ada at 101?", r2.at("/result/inputRequests/#1/params/message").asString(), r2.toString());
      JsonNode r3 = stateless(http, running.uri(), 3, "{\"#1\":{\"action\":\"accept\",\"content\":"
          + "{\"approve\":true}}},\"requestState\":" + r2.at("/result/requestState"));
      assertEquals("Booked Oslo for Ada at 101 (1 roots).", r3.at("/result/content/0/text").asString(), r3.toString());
      assertEquals(1, type.getMethod("bookings").invoke(trips), "booked once, in the last round");
      new Session(running.uri(), "trips").rpc("resources/read", "{\"uri\":\"trips://cities\"}")
          .body("result.contents[0].text", equalTo("Oslo, Lima"));
    }
  }

  /** A 2026-07-28 call of bookTrip: no session, the revision and client in _meta, the standard headers. */
  private static JsonNode stateless(HttpClient http, URI uri, int id, String answers) throws Exception {
    String answered = answers.equals("{}") ? "" : ",\"inputResponses\":" + answers;
    String body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"bookTrip\","
        + "\"arguments\":{\"city\":\"Oslo\"}" + answered + ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":"
        + "\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{},\"roots\":{}}}}}";
    HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream").header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", "tools/call").header("Mcp-Name", "bookTrip").header("Mcp-Param-City", "Oslo")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Mcp-Session-Id").isEmpty());
    return JsonMapper.shared().readTree(response.body());
  }

  /**
   * The README's pom.xml fragment names this build's coordinates, an SLF4J binding of the Jetty version
   * the framework is built on, and -parameters: what a new project copies must be right.
   */
  @Test
  void theMavenFragmentNamesTheRealCoordinatesABindingAndParameters() throws Exception {
    String readme = Files.readString(JavaSnippets.docsRoot().resolve("README.md"));
    Matcher block = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(), "the README shows a pom.xml fragment");
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new InputSource(new StringReader("<project>" + block.group(1) + "</project>")));
    XPath xpath = XPathFactory.newInstance().newXPath();
    assertEquals(System.getProperty("project.version"),
        xpath.evaluate("//dependency[artifactId='switchboard' and groupId='dev.switchboard']/version", pom));
    assertEquals(System.getProperty("jetty.version"),
        xpath.evaluate("//dependency[artifactId='jetty-slf4j-impl']/version", pom));
    assertEquals("true", xpath.evaluate("//plugin[artifactId='maven-compiler-plugin']//parameters", pom));
  }

  @Test
  void theFleetPageQuotesTheShippedHaproxyConfiguration() throws Exception {
    String page = Files.readString(JavaSnippets.docsRoot().resolve("src-docs/running-several-instances.md"));
    String shipped = Files.readString(JavaSnippets.docsRoot().resolve("load-tests/haproxy/switchboard.cfg"));
    Matcher block = Pattern.compile("```haproxy\\n(.*?)```", Pattern.DOTALL)
        .matcher(page);
    assertTrue(block.find(), "the page shows the backend");
    assertTrue(shipped.contains(block.group(1).strip()), "the page's backend is the shipped one:\n" + block.group(1));
  }
}
