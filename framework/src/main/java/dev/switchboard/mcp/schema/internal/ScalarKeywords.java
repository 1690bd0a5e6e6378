package dev.switchboard.mcp.schema.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The keywords of {@link SchemaValidator} that look at one value alone and never recurse: type,
 * enum and const, and the string and number constraints. Thread-safe; compiled patterns are cached.
 */
final class ScalarKeywords {
  private static final Pattern UUID_PATTERN =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  static boolean checkType(JsonNode schema, JsonNode value, String path, List<String> errors) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return true;
    }
    List<String> allowed = new ArrayList<>();
    if (type.isString()) {
      allowed.add(type.stringValue());
    } else if (type.isArray()) {
      type.forEach(t -> allowed.add(t.asString()));
    }
    for (String name : allowed) {
      if (hasType(value, name)) {
        return true;
      }
    }
    errors.add(SchemaValidator.name(path) + " must be " + article(String.join(" or ", allowed)) + ", not "
        + describe(value));
    return false;
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "string" -> value.isString() || value.isBinary(); // binary is written as base64 text
      case "integer" -> value.isIntegralNumber()
          || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "null" -> value.isNull();
      default -> true;
    };
  }

  static void checkValue(JsonNode schema, JsonNode value, String path, List<String> errors) {
    JsonNode options = schema.get("enum");
    if (options != null && options.isArray()) {
      boolean found = false;
      for (JsonNode option : options) {
        found |= equal(option, value);
      }
      if (!found) {
        errors.add(SchemaValidator.name(path) + " must be one of " + list(options) + ", not " + value);
      }
    }
    JsonNode constant = schema.get("const");
    if (constant != null && !equal(constant, value)) {
      errors.add(SchemaValidator.name(path) + " must be " + constant);
    }
  }

  /** Whether every number in {@code node} has a decimal value (no infinity a wire double may read as). */
  static boolean allFinite(JsonNode node) {
    if (node.isNumber()) {
      return finite(node);
    }
    for (JsonNode child : node) {
      if (!allFinite(child)) {
        return false;
      }
    }
    return true;
  }

  static boolean finite(JsonNode number) {
    return !number.isFloatingPointNumber() || Double.isFinite(number.doubleValue());
  }

  private static boolean equal(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber() && finite(a)) { // b is a value check() found finite
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  void checkString(JsonNode schema, String text, String path, List<String> errors) {
    int length = text.codePointCount(0, text.length());
    JsonNode min = schema.get("minLength");
    if (min != null && length < min.asInt()) {
      errors.add(SchemaValidator.name(path) + " must have at least " + min.asInt() + " characters");
    }
    JsonNode max = schema.get("maxLength");
    if (max != null && length > max.asInt()) {
      errors.add(SchemaValidator.name(path) + " must have at most " + max.asInt() + " characters");
    }
    JsonNode pattern = schema.get("pattern");
    if (pattern != null && pattern.isString()) {
      Pattern compiled = compile(pattern.stringValue());
      if (compiled != null && !compiled.matcher(text).find()) {
        errors.add(SchemaValidator.name(path) + " must match the pattern " + pattern.stringValue());
      }
    }
    JsonNode format = schema.get("format");
    if (format != null && format.isString() && !hasFormat(text, format.stringValue())) {
      errors.add(SchemaValidator.name(path) + " must be a " + format.stringValue() + formatHint(format.stringValue())
          + ", not \"" + text + "\"");
    }
  }

  private @Nullable Pattern compile(String regex) {
    try {
      return patterns.computeIfAbsent(regex, Pattern::compile);
    } catch (PatternSyntaxException e) {
      return null;
    }
  }

  private static boolean hasFormat(String text, String format) {
    try {
      switch (format) {
        case "date-time" -> OffsetDateTime.parse(text);
        case "date" -> LocalDate.parse(text);
        case "time" -> {
          try {
            OffsetTime.parse(text);
          } catch (DateTimeParseException e) {
            LocalTime.parse(text);
          }
        }
        case "duration" -> {
          try {
            Duration.parse(text);
          } catch (DateTimeParseException e) {
            Period.parse(text);
          }
        }
        case "uuid" -> {
          return UUID_PATTERN.matcher(text).matches();
        }
        case "uri" -> new URI(text);
        default -> {
          return true;
        }
      }
      return true;
    } catch (DateTimeParseException | URISyntaxException e) {
      return false;
    }
  }

  private static String formatHint(String format) {
    return switch (format) {
      case "date-time" -> " (RFC 3339, like 2025-06-18T09:30:00Z)";
      case "date" -> " (like 2025-06-18)";
      case "time" -> " (like 09:30:00)";
      case "duration" -> " (ISO 8601, like PT15M)";
      default -> "";
    };
  }

  static void checkNumber(JsonNode schema, BigDecimal number, String path, List<String> errors) {
    bound(schema, "minimum", number, path, errors, c -> c >= 0, "at least");
    bound(schema, "maximum", number, path, errors, c -> c <= 0, "at most");
    bound(schema, "exclusiveMinimum", number, path, errors, c -> c > 0, "more than");
    bound(schema, "exclusiveMaximum", number, path, errors, c -> c < 0, "less than");
    JsonNode multipleOf = schema.get("multipleOf");
    if (multipleOf != null && multipleOf.isNumber() && finite(multipleOf) && multipleOf.decimalValue().signum() > 0
        && number.remainder(multipleOf.decimalValue()).signum() != 0) {
      errors.add(SchemaValidator.name(path) + " must be a multiple of " + multipleOf);
    }
  }

  private static void bound(JsonNode schema, String keyword, BigDecimal number, String path, List<String> errors,
      IntPredicate ok, String words) {
    JsonNode limit = schema.get(keyword);
    if (limit != null && limit.isNumber() && finite(limit) && !ok.test(number.compareTo(limit.decimalValue()))) {
      errors.add(SchemaValidator.name(path) + " must be " + words + " " + limit);
    }
  }

  private static String list(JsonNode options) {
    List<String> values = new ArrayList<>();
    options.forEach(option -> values.add(option.toString()));
    return "[" + String.join(", ", values) + "]";
  }

  private static String article(String type) {
    return switch (type.isEmpty() ? ' ' : type.charAt(0)) {
      case 'a', 'e', 'i', 'o', 'u' -> "an " + type;
      default -> "a " + type;
    };
  }

  private static String describe(JsonNode value) {
    if (value.isNull()) {
      return "null";
    }
    if (value.isString()) {
      return "a string";
    }
    if (value.isIntegralNumber()) {
      return "an integer";
    }
    if (value.isNumber()) {
      return "a number";
    }
    if (value.isBoolean()) {
      return "a boolean";
    }
    return value.isArray() ? "an array" : "an object";
  }
}
