package dev.switchboard.mcp.schema.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.schema.internal.JsonSchemaGenerator.Direction;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** Every supported kind of type, pinned by a golden file of its whole schema. */
class JsonSchemaGeneratorTest {
  private final JsonSchemaGenerator generator = new JsonSchemaGenerator(JsonMapper.shared(), PropertyHints.NONE);

  static List<Arguments> cases() {
    return List.of(
        Arguments.of("primitives", SchemaFixtures.Primitives.class),
        Arguments.of("scalars", SchemaFixtures.Scalars.class),
        Arguments.of("enums", SchemaFixtures.Enums.class),
        Arguments.of("collections", SchemaFixtures.Collections.class),
        Arguments.of("optionals", SchemaFixtures.Optionals.class),
        Arguments.of("nested", SchemaFixtures.Order.class),
        Arguments.of("recursive-root", SchemaFixtures.TreeNode.class),
        Arguments.of("recursive-nested", SchemaFixtures.Folder.class),
        Arguments.of("descriptions-and-defaults", SchemaFixtures.Search.class),
        Arguments.of("bean", SchemaFixtures.Account.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void inputSchemasMatchTheirGoldenFiles(String name, Type type) {
    Golden.assertMatches(name, generator.schemaFor(type, Direction.INPUT));
  }

  @Test
  void noPropertiesGiveAClosedObject() {
    Golden.assertMatches("no-arguments", generator.objectSchema(List.of(), Direction.INPUT));
  }

  interface Shape {}

  record Holder(Shape shape) {}

  record Waits(Future<String> result) {}

  record BadKeys(Map<Integer, String> byNumber) {}

  @Test
  void typesWithoutASchemaAreRefusedWithTheirPathNamed() {
    UnsupportedTypeException e = assertThrows(UnsupportedTypeException.class,
        () -> generator.schemaFor(Holder.class, Direction.INPUT));
    assertTrue(e.getMessage().contains("property 'shape'"), e.getMessage());
    assertTrue(e.getMessage().contains("Shape"), e.getMessage());
    assertThrows(UnsupportedTypeException.class, () -> generator.schemaFor(Waits.class, Direction.INPUT));
    UnsupportedTypeException keys = assertThrows(UnsupportedTypeException.class,
        () -> generator.schemaFor(BadKeys.class, Direction.INPUT));
    assertTrue(keys.getMessage().contains("String or enum keys"), keys.getMessage());
  }
}
