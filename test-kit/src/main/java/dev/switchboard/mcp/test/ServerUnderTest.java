package dev.switchboard.mcp.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the field or method (no parameters) of an {@link McpServerTest} class that gives the server
 * under test. Its value may be an {@code McpServer}; an {@link McpTestServer.Builder}, for a server
 * with endpoint options or client defaults; or objects with annotated methods ({@code @McpTool},
 * ...): one object, an array or a collection of them. Static: one server for the class; instance:
 * one per test.
 */
@Target({ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ServerUnderTest {}
