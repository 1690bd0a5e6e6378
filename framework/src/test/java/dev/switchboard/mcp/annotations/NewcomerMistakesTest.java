package dev.switchboard.mcp.annotations;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.server.McpServer;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Mistakes a newcomer makes that used to build and then fail on every call (or silently do nothing):
 * each is refused at registration with a message that names the class, the method and the fix.
 */
class NewcomerMistakesTest {
  private static void assertRefused(Object handlers, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> McpServer.builder("t", "1").register(handlers).build());
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
    }
  }

  static class WordyDefault {
    @McpTool
    public String count(@McpParam(defaultValue = "ten") int times) {
      return "x".repeat(times);
    }
  }

  @Test
  void aDefaultThatIsNotAValueOfItsTypeIsRefused() {
    assertRefused(new WordyDefault(), "WordyDefault#count", "parameter 'times'", "defaultValue \"ten\"",
        "not a valid int", "defaultValue = \"10\"");
  }

  static class EnumDefault {
    enum Size { SMALL, LARGE }

    @McpTool
    public String order(@McpParam(defaultValue = "HUGE") Size size) {
      return size.name();
    }
  }

  @Test
  void aDefaultThatIsNoConstantOfItsEnumIsRefused() {
    assertRefused(new EnumDefault(), "EnumDefault#order", "defaultValue \"HUGE\"");
  }

  static class RecordPrompt {
    record Topic(String name, int depth) {}

    @McpPrompt
    public String explain(Topic topic) {
      return topic.name();
    }
  }

  @Test
  void aPromptArgumentThatIsNotTextIsRefused() {
    assertRefused(new RecordPrompt(), "RecordPrompt#explain", "parameter 'topic'", "prompt arguments arrive as strings",
        "take a String");
  }

  static class RecordVariable {
    record Id(String value) {}

    @McpResource(uri = "things://{id}")
    public String thing(Id id) {
      return id.value();
    }
  }

  @Test
  void aUriVariableThatIsNotTextIsRefused() {
    assertRefused(new RecordVariable(), "RecordVariable#thing", "parameter 'id'", "URI template variables are strings");
  }

  static class TextArguments {
    enum Tone { DRY, WARM }

    @McpPrompt
    public String greet(String name, int times, Optional<Tone> tone, boolean loud) {
      return name + times + tone + loud;
    }
  }

  @Test
  void textLikePromptArgumentsAreStillFine() {
    McpServer.builder("t", "1").register(new TextArguments()).build();
  }

  static class NothingAnnotated {
    public String tool(String text) {
      return text;
    }
  }

  @Test
  void anObjectWithoutAnnotatedMethodsIsRefused() {
    assertRefused(new NothingAnnotated(), "NothingAnnotated has no method annotated @McpTool",
        "annotate its methods, or register the object that has them");
  }

  static class PrivateTool {
    @McpTool
    private String secret() {
      return "hidden";
    }

    @McpTool
    public String visible() {
      return secret();
    }
  }

  @Test
  void aPrivateAnnotatedMethodIsRefused() {
    assertRefused(new PrivateTool(), "PrivateTool#secret", "private method", "make it public");
  }

  @Test
  void aHandWrittenSchemaWithAWrongTypeNameIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> McpServer.builder("t", "1")
        .tool(Tool.builder("typo").inputSchema(
            "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"strin\"}},\"required\":\"name\"}").build(),
            (arguments, context) -> CallToolResult.text("never"))
        .build());
    assertTrue(e.getMessage().contains("tool 'typo': inputSchema is not a valid JSON Schema (2020-12)"), e.getMessage());
    assertTrue(e.getMessage().contains("/properties/name/type: \"strin\" is not a JSON type"), e.getMessage());
    assertTrue(e.getMessage().contains("/required: must be an array of property names"), e.getMessage());
  }

  @Test
  void aToolAddedAtRunTimeIsCheckedToo() {
    McpServer server = McpServer.builder("t", "1").register(new TextArguments()).build();
    ObjectNode bad = (ObjectNode) JsonMapper.shared().readTree(
        "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":\"0\"}}}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> server.addTool(Tool.builder("late").inputSchema(bad).build(), (a, c) -> CallToolResult.text("")));
    assertTrue(e.getMessage().contains("/properties/n/minimum: must be a number"), e.getMessage());
  }
}
