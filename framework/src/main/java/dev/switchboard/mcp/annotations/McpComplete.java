package dev.switchboard.mcp.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method suggest values for one argument of a prompt, or one variable of a resource
 * template ({@code completion/complete}). Name exactly one of {@link #prompt()} and
 * {@link #resource()}. The method takes the partial value as a {@code String}, optionally a
 * {@code Map<String, String>} of the other arguments already chosen, and optionally a
 * {@code RequestContext}; it returns a {@code List<String>} (best first; the first 100 are sent) or a
 * {@code Completion}.
 *
 * <pre>{@code
 * @McpComplete(resource = "db://tables/{name}", argument = "name")
 * List<String> tableNames(String prefix) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface McpComplete {
  /**
   * The prompt whose argument this completes.
   *
   * @return the prompt name, or empty
   */
  String prompt() default "";

  /**
   * The resource template whose variable this completes.
   *
   * @return the URI template, or empty
   */
  String resource() default "";

  /**
   * The argument or variable name.
   *
   * @return the name
   */
  String argument();
}
