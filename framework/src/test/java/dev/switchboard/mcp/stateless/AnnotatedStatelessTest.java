package dev.switchboard.mcp.stateless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.annotations.McpParam;
import dev.switchboard.mcp.annotations.McpResource;
import dev.switchboard.mcp.annotations.McpTool;
import dev.switchboard.mcp.protocol.CacheHint;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.testing.StatelessClient;
import dev.switchboard.mcp.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What annotations declare for 2026-07-28: arguments mirrored into headers, and resources' cache hints. */
class AnnotatedStatelessTest {
  /** Annotated handlers for the test. */
  public static final class Handlers {
    @McpTool(description = "Finds stock in a region")
    public String stock(@McpParam(description = "Where", header = "Region") String region,
        @McpParam(description = "How many at least", header = "Min") int min) {
      return region + ">=" + min;
    }

    @McpResource(uri = "test://catalog", description = "The catalog, the same for everyone",
        cacheTtlMillis = 600_000, cacheScope = CacheHint.Scope.PUBLIC)
    public String catalog() {
      return "catalog";
    }
  }

  /** A header argument that cannot travel in a header. */
  public static final class ListInHeader {
    @McpTool(description = "Takes a list")
    public String tags(@McpParam(header = "Tags") List<String> tags) {
      return String.valueOf(tags);
    }
  }

  private static TestServer server;
  private static StatelessClient client;

  @BeforeAll
  static void start() {
    server = TestServer.start(builder -> builder.register(new Handlers()), UnaryOperator.identity());
    client = new StatelessClient(server.uri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aHeaderArgumentIsDeclaredAndChecked() throws Exception {
    JsonNode stock = server.server.tools().stream().filter(tool -> tool.name().equals("stock")).findFirst()
        .orElseThrow().inputSchema();
    assertEquals("Region", stock.at("/properties/region/x-mcp-header").asString());
    assertEquals("Min", stock.at("/properties/min/x-mcp-header").asString());
    String body = client.body(1, "tools/call", "{\"name\":\"stock\",\"arguments\":{\"region\":\"north\",\"min\":3}}");
    HttpResponse<String> agreed = client.send(body, Map.of("Mcp-Param-Region", "north", "Mcp-Param-Min", "3"));
    assertEquals(200, agreed.statusCode(), agreed.body());
    assertTrue(agreed.body().contains("north>=3"), agreed.body());
    assertEquals(400, client.send(body, Map.of("Mcp-Param-Region", "south", "Mcp-Param-Min", "3")).statusCode());
  }

  @Test
  void anArgumentThatCannotTravelInAHeaderIsRefusedAtBuild() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> McpServer.builder("s", "1").register(new ListInHeader()).build());
    assertTrue(refused.getMessage().contains("ListInHeader#tags")
        && refused.getMessage().contains("cannot travel in header Mcp-Param-Tags"), refused.getMessage());
  }

  @Test
  void aResourceDeclaresItsCacheHint() throws Exception {
    JsonNode result = client.request(2, "resources/read", "{\"uri\":\"test://catalog\"}").get("result");
    assertEquals(600_000, result.get("ttlMs").asLong());
    assertEquals("public", result.get("cacheScope").asString());
  }
}
