package dev.switchboard.mcp.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a tool argument, prompt argument or template variable bound to a parameter, or a field
 * of a record used as arguments.
 *
 * <p>A parameter is required unless its type is {@code Optional}, {@code OptionalInt},
 * {@code OptionalLong} or {@code OptionalDouble}, it is annotated {@code @Nullable}, it has a
 * {@link #defaultValue()}, or {@link #required()} is false.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD})
public @interface McpParam {
  /** Marks "no default value". */
  String NO_DEFAULT = "\u0000";

  /**
   * The argument name.
   *
   * @return the name; the parameter's name when empty (which needs {@code javac -parameters})
   */
  String name() default "";

  /**
   * A display title: the label of a form field, or of an enum constant in a form (elicitation).
   *
   * @return the title, or empty for none
   */
  String title() default "";

  /**
   * What the argument means, for the model.
   *
   * @return the description, or empty for none
   */
  String description() default "";

  /**
   * Whether the client must send the argument.
   *
   * @return false to make it optional (a missing object value binds null)
   */
  boolean required() default true;

  /**
   * The value used when the argument is missing, as JSON for non-string types ({@code 10},
   * {@code true}, {@code ["a"]}) or plain text for strings and enums. It makes the argument optional.
   *
   * @return the default, or {@link #NO_DEFAULT}
   */
  String defaultValue() default NO_DEFAULT;

  /**
   * Mirrors a tool argument into the HTTP header {@code Mcp-Param-<header>} (MCP 2026-07-28,
   * {@code x-mcp-header} in the input schema), so a gateway can route or meter on it without reading
   * the body. The client sends the header; the server refuses a request whose header and body
   * disagree. Only strings, numbers and booleans can travel in a header; never mark a secret.
   *
   * @return the header's name after {@code Mcp-Param-}, for example {@code Region}; empty for none
   */
  String header() default "";
}
