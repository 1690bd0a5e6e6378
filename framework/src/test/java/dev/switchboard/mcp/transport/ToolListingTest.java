package dev.switchboard.mcp.transport;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.server.McpServerBuilder;
import dev.switchboard.mcp.testing.McpClient;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** tools/list pages with an opaque cursor in a deterministic order. */
class ToolListingTest {
  private static JettyMcpServer jetty;
  private static String session;

  @BeforeAll
  static void start() {
    McpServerBuilder builder = McpServer.builder("paged", "1.0").pageSize(5);
    for (String name : List.of("kilo", "alpha", "juliet", "bravo", "lima", "charlie", "india", "delta", "hotel",
        "echo", "golf", "foxtrot")) {
      builder.tool(Tool.builder(name).description("tool " + name).build(), (args, ctx) -> CallToolResult.text(name));
    }
    jetty = JettyMcpServer.builder(builder.build()).stopOnShutdown(false).start();
    session = mcp().body(McpClient.initializeBody("2025-11-25")).post().then().extract().header("Mcp-Session-Id");
  }

  @AfterAll
  static void stop() {
    jetty.close();
  }

  private static RequestSpecification mcp() {
    return McpClient.spec(jetty.uri());
  }

  private static JsonPath list(String cursor) {
    String params = cursor == null ? "{}" : "{\"cursor\":\"" + cursor + "\"}";
    return mcp().header("Mcp-Session-Id", session)
        .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":" + params + "}")
        .post().then().statusCode(200).extract().jsonPath();
  }

  @Test
  void pagesCoverEveryToolOnceInNameOrder() {
    List<String> names = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String cursor = null;
    do {
      JsonPath page = list(cursor);
      List<String> pageNames = page.getList("result.tools.name");
      names.addAll(pageNames);
      sizes.add(pageNames.size());
      cursor = page.getString("result.nextCursor");
    } while (cursor != null);
    assertEquals(List.of(5, 5, 2), sizes);
    assertEquals(List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
        "kilo", "lima"), names);
  }

  @Test
  void theLastPageHasNoCursorAndListingIsRepeatable() {
    assertEquals(list(null).getList("result.tools.name"), list(null).getList("result.tools.name"));
    String second = list(null).getString("result.nextCursor");
    String third = list(second).getString("result.nextCursor");
    assertNull(list(third).getString("result.nextCursor"));
  }

  @Test
  void aCursorThatIsNotOursIsInvalidParams() {
    for (String bad : List.of("garbage!", "dGhpcyBpcyBub3QgYSBjdXJzb3I")) {
      mcp().header("Mcp-Session-Id", session)
          .body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{\"cursor\":\"" + bad + "\"}}")
          .post().then().statusCode(200).body("error.code", equalTo(-32602)).body("id", equalTo(2));
    }
  }
}
