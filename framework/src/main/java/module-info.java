/**
 * Switchboard: MCP servers over Streamable HTTP on Jakarta Servlet 6 and Jetty 12. Only the API
 * packages are exported; the {@code internal} packages are the framework's own and may change in any
 * release. Annotated handler methods are called through method handles: they must be public in an
 * exported package, or their package must be opened to this module.
 */
// Lettuce, Micrometer and OpenTelemetry are automatic modules (a name in their manifests, no module-info).
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.switchboard.mcp {
  requires transitive tools.jackson.databind;
  requires transitive jakarta.servlet;
  requires transitive org.eclipse.jetty.ee10.servlet;
  requires transitive org.eclipse.jetty.server;
  requires com.github.benmanes.caffeine;
  requires com.nimbusds.jose.jwt;
  requires java.net.http;
  requires org.slf4j;
  requires static transitive org.jspecify;
  // Optional: a fleet (McpServlet.Builder.fleet) needs Lettuce; metrics need Micrometer.
  requires static lettuce.core;
  // Not transitive: a module that reads this one compiles without Micrometer when it does not use metrics.
  requires static micrometer.core;
  requires transitive io.opentelemetry.api;
  requires io.opentelemetry.context;

  exports dev.switchboard.mcp.protocol;
  exports dev.switchboard.mcp.session;
  exports dev.switchboard.mcp.annotations;
  exports dev.switchboard.mcp.server;
  exports dev.switchboard.mcp.transport;
  exports dev.switchboard.mcp.jetty;
}
