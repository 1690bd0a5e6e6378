package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A content block of a tool result or prompt message.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = TextContent.class, name = "text"),
  @JsonSubTypes.Type(value = ImageContent.class, name = "image"),
  @JsonSubTypes.Type(value = AudioContent.class, name = "audio"),
  @JsonSubTypes.Type(value = ResourceLink.class, name = "resource_link"),
  @JsonSubTypes.Type(value = EmbeddedResource.class, name = "resource")
})
public sealed interface Content permits TextContent, ImageContent, AudioContent, ResourceLink, EmbeddedResource {}
