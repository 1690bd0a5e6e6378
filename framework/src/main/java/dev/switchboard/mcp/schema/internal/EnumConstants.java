package dev.switchboard.mcp.schema.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;

/** An enum's constants as Jackson writes them: renamed by {@code @JsonProperty}, in declaration order. */
final class EnumConstants {
  private EnumConstants() {}

  /** Returns each constant's name on the wire mapped to its field (which carries its hints). */
  static Map<String, Field> of(Class<?> enumClass) {
    Map<String, Field> constants = new LinkedHashMap<>();
    for (Field field : enumClass.getFields()) {
      if (field.isEnumConstant()) {
        JsonProperty renamed = field.getAnnotation(JsonProperty.class);
        constants.put(renamed != null && !renamed.value().isEmpty() ? renamed.value() : field.getName(), field);
      }
    }
    return constants;
  }
}
