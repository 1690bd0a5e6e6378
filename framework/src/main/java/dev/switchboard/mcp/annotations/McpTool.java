package dev.switchboard.mcp.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method an MCP tool. Its parameters become the tool's arguments (with a JSON Schema
 * generated from their types), its return value the tool's result. A parameter of type
 * {@link dev.switchboard.mcp.server.RequestContext} is injected, not an argument; a single record
 * parameter without {@link McpParam} stands for the whole argument object.
 *
 * <pre>{@code
 * @McpTool(description = "Current weather for a city", readOnly = true)
 * Weather weather(@McpParam(description = "City name") String city, Optional<Units> units) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface McpTool {
  /**
   * The tool name: 1 to 128 characters of {@code [A-Za-z0-9_.-]}.
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
   * What the tool does, for the model.
   *
   * @return the description, or empty for none
   */
  String description() default "";

  /**
   * Hint: the tool does not modify its environment.
   *
   * @return true when read-only (spec default: false)
   */
  boolean readOnly() default false;

  /**
   * Hint: the tool may perform destructive updates (meaningful when not read-only).
   *
   * @return false when its updates are only additive (spec default: true)
   */
  boolean destructive() default true;

  /**
   * Hint: calling again with the same arguments has no further effect.
   *
   * @return true when idempotent (spec default: false)
   */
  boolean idempotent() default false;

  /**
   * Hint: the tool talks to an open world of external entities.
   *
   * @return false for a closed domain (spec default: true)
   */
  boolean openWorld() default true;

  /**
   * How long a call may run before it is cancelled (its thread interrupted, its {@code onCancel}
   * actions run) and answered with a tool error saying so.
   *
   * @return milliseconds; 0 (the default) for the server's {@code toolTimeout}, which is none unless set
   */
  long timeoutMillis() default 0;

  /**
   * Icon URIs ({@code https:} or {@code data:}).
   *
   * @return the icons; empty for none
   */
  String[] icons() default {};

  /**
   * The OAuth scopes a caller's token must grant to call this tool (when the endpoint checks authorization):
   * without them the request gets 403 {@code insufficient_scope}, and lists leave it out.
   *
   * @return scope names; none by default
   */
  String[] scopes() default {};
}
