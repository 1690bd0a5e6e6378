package dev.switchboard.mcp.schema.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.mcp.schema.internal.JsonSchemaGenerator.Direction;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What Jackson writes validates against the generated schema, and reads back to an equal value. */
class SchemaMatchesJacksonTest {
  private final JsonMapper mapper = JsonMapper.shared();
  private final JsonSchemaGenerator generator = new JsonSchemaGenerator(mapper, PropertyHints.NONE);

  static List<Object> values() {
    SchemaFixtures.Address address = new SchemaFixtures.Address("1 Main", "Oslo");
    SchemaFixtures.Product product = new SchemaFixtures.Product("A1", new BigDecimal("9.50"));
    return List.of(
        new SchemaFixtures.Primitives(true, false, 1, 2, 3L, (short) 4, (byte) 5, 0.5, 1.5f, 'x', "n"),
        new SchemaFixtures.Scalars(new BigDecimal("12.30"), new BigInteger("123456789012345678901234567890"),
            Instant.parse("2025-06-18T09:30:00Z"), OffsetDateTime.of(2025, 6, 18, 9, 30, 0, 0, ZoneOffset.UTC),
            ZonedDateTime.of(2025, 6, 18, 9, 30, 0, 0, ZoneId.of("UTC")), LocalDate.of(2025, 6, 18),
            LocalTime.of(9, 30), LocalDateTime.of(2025, 6, 18, 9, 30, 15), Duration.ofMinutes(15),
            UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), URI.create("https://example.com/a"), new byte[] {1, 2}),
        new SchemaFixtures.Enums(SchemaFixtures.Unit.CELSIUS, SchemaFixtures.Priority.HIGH,
            List.of(SchemaFixtures.Unit.FAHRENHEIT)),
        new SchemaFixtures.Collections(List.of("a"), Set.of(7), new String[] {"x"}, Map.of("s", 1.5),
            Map.of(SchemaFixtures.Unit.CELSIUS, "c"), List.of(List.of(1, 2))),
        new SchemaFixtures.Optionals(Optional.of("nick"), OptionalInt.of(3), null, address, Optional.empty()),
        new SchemaFixtures.Order(new SchemaFixtures.Customer("Ada", address),
            List.of(new SchemaFixtures.Line(product, 2)), product),
        new SchemaFixtures.TreeNode("root", List.of(new SchemaFixtures.TreeNode("leaf", List.of()))),
        new SchemaFixtures.Search("lamps", 3, "price"));
  }

  @ParameterizedTest
  @MethodSource("values")
  void writtenValuesValidateAgainstTheOutputSchema(Object value) {
    JsonNode json = mapper.valueToTree(value);
    assertEquals(List.of(), SchemaValidator.of(generator.schemaFor(value.getClass(), Direction.OUTPUT)).validate(json),
        json.toString());
    assertEquals(List.of(), SchemaValidator.of(generator.schemaFor(value.getClass(), Direction.INPUT)).validate(json),
        json.toString());
    JsonNode again = mapper.valueToTree(mapper.treeToValue(json, value.getClass()));
    assertEquals(json, again, "the value reads back as written");
  }

  @Test
  void javaTimeValuesAreWrittenAsTheStringsTheSchemaPromises() {
    JsonNode json = mapper.valueToTree(values().get(1));
    assertEquals("2025-06-18T09:30:00Z", json.get("at").asString());
    assertEquals("PT15M", json.get("timeout").asString());
    assertEquals("2025-06-18", json.get("day").asString());
  }
}
