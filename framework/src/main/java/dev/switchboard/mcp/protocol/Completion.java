package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Suggested values for an argument, the {@code completion} of a {@code completion/complete} result.
 * At most 100 values are sent; {@link #of(List)} trims a longer list and says so.
 *
 * @param values the suggestions, at most 100
 * @param total how many suggestions exist in all, or null when unknown
 * @param hasMore whether more exist than were sent, or null when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Completion(List<String> values, @Nullable Integer total, @Nullable Boolean hasMore) {
  /** The most values one completion may carry. */
  public static final int MAX_VALUES = 100;

  /** Checks and copies. */
  public Completion {
    values = List.copyOf(Objects.requireNonNull(values, "values"));
    if (values.size() > MAX_VALUES) {
      throw new IllegalArgumentException("a completion carries at most 100 values, got " + values.size());
    }
  }

  /**
   * Builds a completion from every matching value: the first 100 are sent, with the total and
   * whether more exist.
   *
   * @param allValues every suggestion, best first
   * @return the completion
   */
  public static Completion of(List<String> allValues) {
    List<String> sent = allValues.size() > MAX_VALUES ? allValues.subList(0, MAX_VALUES) : allValues;
    return new Completion(sent, allValues.size(), allValues.size() > MAX_VALUES);
  }

  /**
   * A completion with no suggestions.
   *
   * @return the empty completion
   */
  public static Completion empty() {
    return new Completion(List.of(), 0, false);
  }
}
