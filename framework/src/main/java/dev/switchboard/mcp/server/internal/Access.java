package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.protocol.internal.JsonRpcRequest;
import dev.switchboard.mcp.session.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The scopes each tool, prompt and resource requires, keyed {@code tool:NAME}, {@code prompt:NAME},
 * {@code resource:URI} or {@code resource:TEMPLATE}. Immutable.
 */
final class Access {
  private final Map<String, Set<String>> required;
  private final boolean hideUnauthorized;

  Access(Map<String, Set<String>> required, boolean hideUnauthorized) {
    this.required = required; // an unshared map of unmodifiable sets, from Registrations.access()
    this.hideUnauthorized = hideUnauthorized;
  }

  /** The scopes a feature requires; empty when it requires none. */
  Set<String> of(String key) {
    return required.getOrDefault(key, Set.of());
  }

  /** The scopes a request needs before it may run: those of the tool, prompt or resource it names. */
  Set<String> requiredFor(JsonRpcRequest request, Registry registry) {
    if (required.isEmpty()) {
      return Set.of();
    }
    JsonNode params = request.params();
    String name = params == null ? "" : params.path("name").asString("");
    return switch (request.method()) {
      case "tools/call" -> of("tool:" + name);
      case "prompts/get" -> of("prompt:" + name);
      case "resources/read", "resources/subscribe" -> {
        String uri = params == null ? "" : params.path("uri").asString("");
        yield registry.resourceCatalog().get(uri) != null ? of("resource:" + uri) : templateScopes(uri, registry);
      }
      default -> Set.of();
    };
  }

  private Set<String> templateScopes(String uri, Registry registry) {
    try {
      Registry.TemplateMatch match = registry.matchTemplate(uri);
      return match == null ? Set.of() : of("resource:" + match.entry().template().uriTemplate());
    } catch (RuntimeException e) {
      return Set.of(); // a malformed URI: the request fails with its own error when it runs
    }
  }

  /** Whether a list shows a feature to the request's principal (everything, when there is none). */
  boolean shows(String key, Optional<Principal> principal) {
    if (!hideUnauthorized || principal.isEmpty()) {
      return true;
    }
    return principal.get().hasScopes(of(key));
  }

}
