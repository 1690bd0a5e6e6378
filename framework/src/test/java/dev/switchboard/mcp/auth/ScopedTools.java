package dev.switchboard.mcp.auth;

import dev.switchboard.mcp.annotations.McpPrompt;
import dev.switchboard.mcp.annotations.McpResource;
import dev.switchboard.mcp.annotations.McpTool;
import dev.switchboard.mcp.server.RequestContext;
import dev.switchboard.mcp.session.Principal;

/** Tools, a prompt and a resource that need scopes, and one that says who called. */
public final class ScopedTools {
  @McpTool(description = "Says who calls")
  public String whoami(RequestContext context) {
    return context.principal().map(Principal::subject).orElse("nobody");
  }

  /** What {@link #greet} asks. */
  public record Name(String name) {}

  @McpTool(description = "Asks the caller's name, then greets")
  public String greet(RequestContext context) throws Exception {
    return context.elicit("What is your name?", Name.class).value().map(name -> "Hello, " + name.name())
        .orElse("Hello");
  }

  @McpTool(description = "Reads the catalogue", scopes = "mcp:read")
  public String catalogue() {
    return "tea, coffee";
  }

  @McpTool(description = "Places an order", scopes = {"mcp:read", "mcp:write"})
  public String order(String item) {
    return "ordered " + item;
  }

  @McpPrompt(description = "Plans a purchase", scopes = "mcp:write")
  public String plan() {
    return "Plan a purchase.";
  }

  @McpResource(uri = "shop://orders/{id}", description = "An order", scopes = "mcp:read")
  public String orderById(String id) {
    return "order " + id;
  }
}
