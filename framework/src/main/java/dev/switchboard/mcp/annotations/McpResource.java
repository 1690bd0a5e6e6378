package dev.switchboard.mcp.annotations;

import dev.switchboard.mcp.protocol.CacheHint;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method an MCP resource, or a resource template when {@link #uri()} holds {@code {name}}
 * (one path segment) or {@code {+name}} (any characters) expressions; each variable binds to the
 * parameter of that name. The method returns a {@code String} (text), {@code byte[]} (binary),
 * {@code ResourceContents}, a list of them, a {@code ReadResourceResult}, or a record (sent as JSON).
 *
 * <pre>{@code
 * @McpResource(uri = "db://tables/{name}", description = "Columns of a table", mimeType = "application/json")
 * TableInfo table(String name) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface McpResource {
  /**
   * The resource URI, or a URI template.
   *
   * @return the URI
   */
  String uri();

  /**
   * The programmatic name.
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
   * What the resource holds.
   *
   * @return the description, or empty for none
   */
  String description() default "";

  /**
   * The type of the contents.
   *
   * @return the MIME type; when empty, {@code text/plain} for text, {@code application/json} for
   *     records, {@code application/octet-stream} for bytes
   */
  String mimeType() default "";

  /**
   * How long clients may reuse what the resource returns (MCP 2026-07-28 {@code ttlMs}); a
   * {@code ReadResourceResult} with a hint of its own overrides it.
   *
   * @return milliseconds; 0 (the default) means re-read every time
   */
  long cacheTtlMillis() default 0;

  /**
   * Who may reuse what the resource returns (MCP 2026-07-28 {@code cacheScope}): {@code PUBLIC} only
   * when the contents are the same for every caller.
   *
   * @return the scope; {@code PRIVATE} by default
   */
  CacheHint.Scope cacheScope() default CacheHint.Scope.PRIVATE;

  /**
   * The OAuth scopes a caller's token must grant to read this resource (when the endpoint checks authorization):
   * without them the request gets 403 {@code insufficient_scope}, and lists leave it out.
   *
   * @return scope names; none by default
   */
  String[] scopes() default {};
}
