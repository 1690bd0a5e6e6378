package dev.switchboard.mcp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class ToolTest {
  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "slash/name", "ünïcode"})
  void invalidNamesAreRefusedAtOnce(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tool.builder(name));
    assertTrue(e.getMessage().contains("1 to 128"));
  }

  @Test
  void namesUpTo128CharactersOfTheAllowedSetAreValid() {
    assertTrue(Tool.isValidName("a".repeat(128)));
    assertTrue(Tool.isValidName("get_weather.v2-beta"));
    assertThrows(IllegalArgumentException.class, () -> Tool.builder("a".repeat(129)));
  }

  @Test
  void aToolWithoutArgumentsHasAClosedObjectSchema() {
    assertEquals("{\"type\":\"object\",\"additionalProperties\":false}", Tool.builder("t").build().inputSchema().toString());
  }

  @Test
  void theInputSchemaMustBeAnObjectSchema() {
    assertThrows(IllegalArgumentException.class, () -> Tool.builder("t").inputSchema("{\"type\":\"string\"}").build());
    assertThrows(IllegalArgumentException.class, () -> Tool.builder("t").inputSchema("[1]"));
    assertThrows(IllegalArgumentException.class, () -> Tool.builder("t").inputSchema("{bad json"));
  }

  @Test
  void aToolIsImmutable() {
    var schema = JsonMapper.shared().createObjectNode().put("type", "object");
    Tool tool = Tool.builder("t").inputSchema(schema).build();
    schema.put("extra", true);
    tool.inputSchema().put("also", true);
    assertEquals("{\"type\":\"object\"}", tool.inputSchema().toString());
  }
}
