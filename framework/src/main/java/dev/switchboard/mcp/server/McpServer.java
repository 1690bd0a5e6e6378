package dev.switchboard.mcp.server;

import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.Prompt;
import dev.switchboard.mcp.protocol.Resource;
import dev.switchboard.mcp.protocol.ResourceTemplate;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.server.internal.ServerCore;
import java.util.List;
import java.util.Objects;

/**
 * An MCP server: its identity, what it offers (tools, resources, prompts, completions), and the
 * protocol logic that serves them. Built once by {@link #builder(String, String)} and shared by every
 * session and every servlet that serves it; per-client state lives in each session.
 *
 * <p>Its configuration is immutable. What it offers may change at run time through
 * {@link #addTool}, {@link #removeTool} and their siblings: each change swaps an immutable snapshot
 * and tells every session that can hear it, with {@code notifications/.../list_changed}.
 *
 * <pre>{@code
 * McpServer server = McpServer.builder("weather", "1.0.0")
 *     .register(new WeatherTools())          // @McpTool, @McpResource, @McpPrompt methods
 *     .build();
 * }</pre>
 */
public final class McpServer {
  static {
    ServerCore.installAccessor(server -> server.core);
  }

  private final ServerCore core;

  McpServer(ServerCore core) {
    this.core = core;
  }

  /**
   * Starts a server definition.
   *
   * @param name the server's programmatic name, sent as {@code serverInfo.name}
   * @param version the server's version
   * @return a builder
   */
  public static McpServerBuilder builder(String name, String version) {
    return new McpServerBuilder(name, version);
  }

  /**
   * Returns the server's name and version as sent to clients.
   *
   * @return the server info
   */
  public Implementation serverInfo() {
    return core.settings().serverInfo();
  }

  /**
   * Returns the tools offered now, sorted by name.
   *
   * @return an immutable list
   */
  public List<Tool> tools() {
    return core.registry().tools();
  }

  /**
   * Returns the resources offered now, sorted by URI.
   *
   * @return an immutable list
   */
  public List<Resource> resources() {
    return core.registry().resources();
  }

  /**
   * Returns the resource templates offered now, sorted by template.
   *
   * @return an immutable list
   */
  public List<ResourceTemplate> resourceTemplates() {
    return core.registry().templates();
  }

  /**
   * Returns the prompts offered now, sorted by name.
   *
   * @return an immutable list
   */
  public List<Prompt> prompts() {
    return core.registry().prompts();
  }

  /**
   * Adds a tool at run time and tells sessions the tool list changed.
   *
   * @param tool the definition
   * @param handler its code
   * @throws IllegalArgumentException when a tool with that name exists
   */
  public void addTool(Tool tool, ToolHandler handler) {
    core.registry().addTool(tool, handler);
  }

  /**
   * Removes a tool at run time and tells sessions the tool list changed. Calls already running finish.
   *
   * @param name the tool's name
   */
  public void removeTool(String name) {
    Objects.requireNonNull(name, "name");
    core.registry().removeTool(name);
  }

  /**
   * Adds a resource at run time and tells sessions the resource list changed.
   *
   * @param resource the definition
   * @param handler its code
   * @throws IllegalArgumentException when a resource with that URI exists
   */
  public void addResource(Resource resource, ResourceHandler handler) {
    core.registry().addResource(resource, handler);
  }

  /**
   * Removes a resource at run time and tells sessions the resource list changed.
   *
   * @param uri the resource's URI
   */
  public void removeResource(String uri) {
    Objects.requireNonNull(uri, "uri");
    core.registry().removeResource(uri);
  }

  /**
   * Adds a resource template at run time and tells sessions the resource list changed.
   *
   * @param template the definition
   * @param handler its code
   * @throws IllegalArgumentException when the template exists or cannot be parsed
   */
  public void addResourceTemplate(ResourceTemplate template, ResourceTemplateHandler handler) {
    core.registry().addTemplate(template, handler);
  }

  /**
   * Removes a resource template at run time and tells sessions the resource list changed.
   *
   * @param uriTemplate the template
   */
  public void removeResourceTemplate(String uriTemplate) {
    Objects.requireNonNull(uriTemplate, "uriTemplate");
    core.registry().removeTemplate(uriTemplate);
  }

  /**
   * Adds a prompt at run time and tells sessions the prompt list changed.
   *
   * @param prompt the definition
   * @param handler its code
   * @throws IllegalArgumentException when a prompt with that name exists
   */
  public void addPrompt(Prompt prompt, PromptHandler handler) {
    core.registry().addPrompt(prompt, handler);
  }

  /**
   * Removes a prompt at run time and tells sessions the prompt list changed.
   *
   * @param name the prompt's name
   */
  public void removePrompt(String name) {
    Objects.requireNonNull(name, "name");
    core.registry().removePrompt(name);
  }

  /**
   * Tells every session subscribed to a resource that it changed
   * ({@code notifications/resources/updated}, on each session's GET stream).
   *
   * @param uri the resource's URI
   */
  public void notifyResourceUpdated(String uri) {
    Objects.requireNonNull(uri, "uri");
    core.registry().resourceUpdated(uri);
  }
}
