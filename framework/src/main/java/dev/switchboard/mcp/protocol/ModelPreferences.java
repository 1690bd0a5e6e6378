package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the server would like in a model; the client decides.
 *
 * @param hints model names or families, in order of preference (for example {@code "claude-3-5-sonnet"})
 * @param costPriority how much cost matters, 0 to 1, or null
 * @param speedPriority how much speed matters, 0 to 1, or null
 * @param intelligencePriority how much capability matters, 0 to 1, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelPreferences(List<String> hints, @Nullable Double costPriority, @Nullable Double speedPriority,
    @Nullable Double intelligencePriority) {
  /** Checks and copies. */
  public ModelPreferences {
    hints = List.copyOf(Objects.requireNonNull(hints, "hints"));
    for (Double priority : new Double[] {costPriority, speedPriority, intelligencePriority}) {
      if (priority != null && (priority < 0 || priority > 1)) {
        throw new IllegalArgumentException("priorities are between 0 and 1, got " + priority);
      }
    }
  }

  /** The wire form: hints are objects with a name. */
  Map<String, Object> toWire() {
    Map<String, Object> wire = new LinkedHashMap<>();
    if (!hints.isEmpty()) {
      wire.put("hints", hints.stream().map(name -> Map.of("name", name)).toList());
    }
    if (costPriority != null) {
      wire.put("costPriority", costPriority);
    }
    if (speedPriority != null) {
      wire.put("speedPriority", speedPriority);
    }
    if (intelligencePriority != null) {
      wire.put("intelligencePriority", intelligencePriority);
    }
    return wire;
  }
}
