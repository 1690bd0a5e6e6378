package dev.switchboard.mcp.stateless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.server.McpServerBuilder;
import dev.switchboard.mcp.testing.StatelessClient;
import dev.switchboard.mcp.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two instances sharing a request-state key behind a round-robin balancer: the client alternates every
 * request between them, and a multi-round call started on one is finished by the other, since every
 * request carries all it needs.
 */
class TwoInstancesTest {
  record Name(String name) {}

  record Color(String color) {}

  private static final byte[] KEY = "the fleet's shared request-state key, 32+ bytes".getBytes(StandardCharsets.UTF_8);

  @Test
  void aClientAlternatingBetweenInstancesIsServedAsByOne() throws Exception {
    AtomicInteger[] runs = {new AtomicInteger(), new AtomicInteger()};
    try (TestServer a = TestServer.start(instance(runs[0]), UnaryOperator.identity());
        TestServer b = TestServer.start(instance(runs[1]), UnaryOperator.identity())) {
      List<StatelessClient> balancer = List.of(new StatelessClient(a.uri()), new StatelessClient(b.uri()));
      AtomicInteger turn = new AtomicInteger();
      RoundRobin next = () -> balancer.get(turn.getAndIncrement() % 2);

      assertEquals("[\"2026-07-28\"]", next.client().request(1, "server/discover", "{}")
          .at("/result/supportedVersions").toString());
      assertTrue(next.client().request(2, "tools/list", "{}").at("/result/tools").toString().contains("\"survey\""));
      JsonNode r1 = next.client().call(3, "survey", "{\"topic\":\"colors\"}", "{}").get("result");
      JsonNode r2 = next.client().call(4, "survey", "{\"topic\":\"colors\"}", "{\"inputResponses\":{\"#1\":"
          + "{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}},\"requestState\":" + r1.get("requestState") + "}")
          .get("result");
      assertEquals("input_required", r2.get("resultType").asString(), r2.toString());
      JsonNode r3 = next.client().call(5, "survey", "{\"topic\":\"colors\"}", "{\"inputResponses\":{\"#2\":"
          + "{\"action\":\"accept\",\"content\":{\"color\":\"teal\"}}},\"requestState\":" + r2.get("requestState") + "}")
          .get("result");
      assertEquals("Ada likes teal (colors)", r3.at("/content/0/text").asString());
      assertEquals(List.of(2, 1), List.of(runs[0].get(), runs[1].get()),
          "rounds 1 and 3 ran on the first instance, round 2 on the second");
      assertEquals(0, a.sessions().size() + b.sessions().size(), "neither kept a session");
    }
  }

  private static UnaryOperator<McpServerBuilder> instance(AtomicInteger runs) {
    return builder -> builder.requestStateKey(KEY)
        .tool(Tool.builder("survey").description("Asks two questions about a topic")
            .inputSchema("{\"type\":\"object\",\"properties\":{\"topic\":{\"type\":\"string\"}}}").build(),
            (args, ctx) -> {
              runs.incrementAndGet();
              String name = ctx.elicit("Your name?", Name.class).content().name();
              String color = ctx.elicit("Your color?", Color.class).content().color();
              return CallToolResult.text(name + " likes " + color + " (" + args.string("topic") + ")");
            });
  }

  @FunctionalInterface
  private interface RoundRobin {
    StatelessClient client();
  }
}
