package dev.switchboard.mcp.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method an MCP prompt. Its parameters are the prompt's arguments (sent as strings and
 * converted to the parameter types); it returns a {@code String} (one user message), a
 * {@code PromptMessage}, a list of them, or a {@code GetPromptResult}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface McpPrompt {
  /**
   * The prompt name.
   *
   * @return the name; the method's name when empty
   */
  String name() default "";

  /**
   * A display name.
   *
   * @return the title, or empty for none
   */
  String title() default "";

  /**
   * What the prompt is for.
   *
   * @return the description, or empty for none
   */
  String description() default "";

  /**
   * The OAuth scopes a caller's token must grant to get this prompt (when the endpoint checks authorization):
   * without them the request gets 403 {@code insufficient_scope}, and lists leave it out.
   *
   * @return scope names; none by default
   */
  String[] scopes() default {};
}
