package dev.switchboard.mcp.schema.internal;

import java.lang.reflect.AnnotatedElement;
import org.jspecify.annotations.Nullable;

/**
 * Extra facts about a property that Jackson's annotations do not carry, read from the caller's own
 * annotations (so this package need not know them).
 */
public interface PropertyHints {
  /** Hints that add nothing. */
  PropertyHints NONE = new PropertyHints() {};

  /**
   * Returns a description of the property declared on an element.
   *
   * @param element a parameter, record component, field or method
   * @return the description, or null
   */
  default @Nullable String description(AnnotatedElement element) {
    return null;
  }

  /**
   * Returns a display title declared on an element, such as an enum constant's label in a form.
   *
   * @param element a parameter, record component, field (an enum constant) or method
   * @return the title, or null
   */
  default @Nullable String title(AnnotatedElement element) {
    return null;
  }

  /**
   * Returns the default value declared on an element, as JSON text or a plain string.
   *
   * @param element a parameter, record component, field or method
   * @return the default, or null when none
   */
  default @Nullable String defaultValue(AnnotatedElement element) {
    return null;
  }
}
