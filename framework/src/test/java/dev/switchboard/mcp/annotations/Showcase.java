package dev.switchboard.mcp.annotations;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.switchboard.mcp.protocol.AudioContent;
import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.Completion;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.EmbeddedResource;
import dev.switchboard.mcp.protocol.GetPromptResult;
import dev.switchboard.mcp.protocol.ImageContent;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.PromptMessage;
import dev.switchboard.mcp.protocol.ResourceContents;
import dev.switchboard.mcp.protocol.ResourceLink;
import dev.switchboard.mcp.protocol.Role;
import dev.switchboard.mcp.protocol.StructuredResult;
import dev.switchboard.mcp.protocol.TextContent;
import dev.switchboard.mcp.server.RequestContext;
import dev.switchboard.mcp.server.ToolErrorException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/** A user-style class with one annotated method for every kind of declaration and return value. */
public class Showcase {
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};
  static final byte[] WAV = {'R', 'I', 'F', 'F'};

  /** Temperature units. */
  public enum Units { METRIC, IMPERIAL }

  /** A forecast, returned as structured content. */
  public record Forecast(String city, double temperature, Units units, int days, @Nullable String note) {}

  /** A search, standing for all of a tool's arguments. */
  public record Search(@JsonPropertyDescription("Words to look for") String query,
      @McpParam(description = "Most results", defaultValue = "5") Integer limit) {}

  /** A table's description, returned by a resource as JSON. */
  public record Table(String name, List<String> columns) {}

  @McpTool(description = "Weather for a city", readOnly = true, openWorld = false)
  public Forecast weather(@McpParam(description = "City name") String city, Optional<Units> units,
      @McpParam(defaultValue = "1") int days, @Nullable String note, RequestContext context) {
    return new Forecast(city, 21.5, units.orElse(Units.METRIC), days, note);
  }

  @McpTool(description = "Searches the catalog")
  public String search(Search search) {
    return search.query() + " x" + search.limit();
  }

  @McpTool(description = "Does nothing")
  public void nothing() {}

  @McpTool(name = "logo.png", description = "An image")
  public ImageContent logo() {
    return ImageContent.of(PNG, "image/png");
  }

  @McpTool(description = "A sound")
  public AudioContent chime() {
    return AudioContent.of(WAV, "audio/wav");
  }

  @McpTool(description = "Embeds a resource")
  public EmbeddedResource embedded() {
    return EmbeddedResource.of(ResourceContents.text("memo://1", "text/plain", "embedded text"));
  }

  @McpTool(description = "Links a resource")
  public ResourceLink link() {
    return ResourceLink.of("db://tables/customers", "customers");
  }

  @McpTool(description = "Mixed content")
  public List<Content> mixed() {
    return List.of(TextContent.of("first"), ImageContent.of(PNG, "image/png"));
  }

  @McpTool(description = "Builds its own result")
  public CallToolResult custom() {
    return new CallToolResult(List.of(TextContent.of("custom")), null, true, null);
  }

  @McpTool(description = "A table as data and as text")
  public StructuredResult<Table> tabled() {
    return new StructuredResult<>(new Table("t", List.of("a", "b")), "| a | b |");
  }

  @McpTool(description = "Adds numbers")
  public int add(int a, int b) {
    return a + b;
  }

  @McpTool(description = "Lists words")
  public List<String> words(String text) {
    return List.of(text.split(" "));
  }

  @McpTool(description = "Always fails")
  public String fails(String why) {
    throw new ToolErrorException("cannot do that: " + why);
  }

  @McpTool(description = "Rejects the request itself")
  public String rejects() {
    throw new McpException(-32602, "rejected on purpose");
  }

  @McpResource(uri = "memo://readme", description = "A text resource")
  public String readme() {
    return "read me";
  }

  @McpResource(uri = "memo://logo", mimeType = "image/png")
  public byte[] logoBytes() {
    return PNG;
  }

  @McpResource(uri = "db://tables/{name}", description = "A table", mimeType = "application/json")
  public Table table(String name) {
    if (name.equals("missing")) {
      throw new McpException(-32002, "no table " + name);
    }
    return new Table(name, List.of("id", "name"));
  }

  @McpResource(uri = "file:///{+path}", description = "A file")
  public ResourceContents file(String path) {
    return ResourceContents.text("file:///" + path, "text/plain", "contents of " + path);
  }

  @McpPrompt(description = "Greets someone")
  public String greet(@McpParam(description = "Who to greet") String name, Optional<String> style) {
    return "Say hello to " + name + style.map(s -> " in a " + s + " way").orElse("");
  }

  @McpPrompt(description = "A conversation with a picture and a document")
  public List<PromptMessage> review(String table) {
    return List.of(
        PromptMessage.user("Review the table " + table),
        new PromptMessage(Role.USER, ImageContent.of(PNG, "image/png")),
        new PromptMessage(Role.USER, EmbeddedResource.of(ResourceContents.text("db://tables/" + table,
            "application/json", "{\"name\":\"" + table + "\"}"))),
        PromptMessage.assistant("I will review it."));
  }

  @McpPrompt(name = "described")
  public GetPromptResult described(String topic) {
    return new GetPromptResult("About " + topic, List.of(PromptMessage.user(topic)));
  }

  @McpComplete(resource = "db://tables/{name}", argument = "name")
  public List<String> tableNames(String prefix) {
    return IntStream.range(0, 250).mapToObj(i -> "table" + i).filter(n -> n.startsWith(prefix)).toList();
  }

  @McpComplete(prompt = "greet", argument = "style")
  public Completion styles(String prefix, Map<String, String> others) {
    List<String> styles = others.getOrDefault("name", "").equals("Ada") ? List.of("formal", "friendly")
        : List.of("funny", "formal", "friendly");
    return Completion.of(styles.stream().filter(s -> s.startsWith(prefix)).toList());
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
