package dev.switchboard.mcp.server.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.Prompt;
import dev.switchboard.mcp.protocol.Resource;
import dev.switchboard.mcp.protocol.ResourceTemplate;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.session.Principal;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The list methods, answered inline from the registry's immutable snapshots, one page at a time. */
final class Listings {
  /** The result of {@code tools/list}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ListToolsResult(List<Tool> tools, @Nullable String nextCursor) {}

  /** The result of {@code resources/list}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ListResourcesResult(List<Resource> resources, @Nullable String nextCursor) {}

  /** The result of {@code resources/templates/list}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ListResourceTemplatesResult(List<ResourceTemplate> resourceTemplates, @Nullable String nextCursor) {}

  /** The result of {@code prompts/list}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ListPromptsResult(List<Prompt> prompts, @Nullable String nextCursor) {}

  private final Registry registry;
  private final Access access;
  private final int pageSize;

  Listings(Registry registry, Access access, int pageSize) {
    this.registry = registry;
    this.access = access;
    this.pageSize = pageSize;
  }

  // Pages are cut before what the principal may not see is left out, so a page may be short (even
  // empty, with a cursor): the same principal always gets the same pages.

  ListToolsResult tools(@Nullable JsonNode params, Optional<Principal> principal) {
    Catalog.Page<Registry.ToolEntry> page = registry.toolCatalog().page(cursor(params), pageSize);
    return new ListToolsResult(page.entries().stream().map(Registry.ToolEntry::tool)
        .filter(tool -> access.shows("tool:" + tool.name(), principal)).toList(), page.nextCursor());
  }

  ListResourcesResult resources(@Nullable JsonNode params, Optional<Principal> principal) {
    Catalog.Page<Registry.ResourceEntry> page = registry.resourceCatalog().page(cursor(params), pageSize);
    return new ListResourcesResult(page.entries().stream().map(Registry.ResourceEntry::resource)
        .filter(resource -> access.shows("resource:" + resource.uri(), principal)).toList(), page.nextCursor());
  }

  ListResourceTemplatesResult templates(@Nullable JsonNode params, Optional<Principal> principal) {
    Catalog.Page<Registry.TemplateEntry> page = registry.templateCatalog().page(cursor(params), pageSize);
    return new ListResourceTemplatesResult(page.entries().stream().map(Registry.TemplateEntry::template)
        .filter(template -> access.shows("resource:" + template.uriTemplate(), principal)).toList(),
        page.nextCursor());
  }

  ListPromptsResult prompts(@Nullable JsonNode params, Optional<Principal> principal) {
    Catalog.Page<Registry.PromptEntry> page = registry.promptCatalog().page(cursor(params), pageSize);
    return new ListPromptsResult(page.entries().stream().map(Registry.PromptEntry::prompt)
        .filter(prompt -> access.shows("prompt:" + prompt.name(), principal)).toList(), page.nextCursor());
  }

  private static @Nullable String cursor(@Nullable JsonNode params) {
    if (params == null || !params.hasNonNull("cursor")) {
      return null;
    }
    JsonNode cursor = params.get("cursor");
    if (!cursor.isString()) {
      throw McpException.invalidParams("Invalid cursor");
    }
    return cursor.stringValue();
  }
}
