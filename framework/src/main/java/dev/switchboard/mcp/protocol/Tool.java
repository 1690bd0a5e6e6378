package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.StdConverter;

/**
 * A tool as listed by {@code tools/list}. Build one with {@link #builder(String)}.
 *
 * @param name the unique name: 1 to 128 characters of {@code [A-Za-z0-9_.-]}
 * @param title a display name, or null
 * @param description what the tool does, for the model, or null
 * @param inputSchema the JSON Schema of the arguments (an object schema)
 * @param outputSchema the JSON Schema of {@code structuredContent}, or null
 * @param annotations behaviour hints, or null
 * @param icons icons; empty when none
 * @param meta the {@code _meta} object, or null
 */
@JsonSerialize(converter = Tool.ToWire.class)
public record Tool(
    String name,
    @Nullable String title,
    @Nullable String description,
    ObjectNode inputSchema,
    @Nullable ObjectNode outputSchema,
    @Nullable ToolAnnotations annotations,
    List<Icon> icons,
    @JsonProperty("_meta") @Nullable ObjectNode meta) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  /** Checks the invariants: a valid name and an object input schema.  */
  public Tool {
    requireValidName(Objects.requireNonNull(name, "name"));
    Objects.requireNonNull(inputSchema, "inputSchema");
    JsonNode type = inputSchema.get("type");
    if (type == null || !"object".equals(type.asString(""))) {
      throw new IllegalArgumentException("tool '" + name + "': inputSchema must have \"type\": \"object\"");
    }
    icons = List.copyOf(Objects.requireNonNull(icons, "icons"));
    inputSchema = inputSchema.deepCopy();
    outputSchema = outputSchema == null ? null : outputSchema.deepCopy();
    meta = meta == null ? null : meta.deepCopy();
  }

  /**
   * Returns a copy of the input schema, so the tool stays immutable.
   *
   * @return the JSON Schema of the arguments
   */
  @Override
  public ObjectNode inputSchema() {
    return inputSchema.deepCopy();
  }

  /**
   * Returns a copy of the output schema.
   *
   * @return the JSON Schema of {@code structuredContent}, or null
   */
  @Override
  public @Nullable ObjectNode outputSchema() {
    return outputSchema == null ? null : outputSchema.deepCopy();
  }

  /**
   * Returns a copy of the {@code _meta} object.
   *
   * @return the metadata, or null
   */
  @Override
  @JsonProperty("_meta")
  public @Nullable ObjectNode meta() {
    return meta == null ? null : meta.deepCopy();
  }

  /**
   * The tool as written on the wire. Jackson would otherwise serialise through the copying accessors,
   * deep-copying every schema on each {@code tools/list}; this view holds the stored nodes instead.
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Wire(
      String name,
      @Nullable String title,
      @Nullable String description,
      ObjectNode inputSchema,
      @Nullable ObjectNode outputSchema,
      @Nullable ToolAnnotations annotations,
      List<Icon> icons,
      @JsonProperty("_meta") @Nullable ObjectNode meta) {}

  /** Hands Jackson the {@link Wire} view of a tool; only Jackson uses it, to serialise. */
  static final class ToWire extends StdConverter<Tool, Wire> {
    @Override
    public Wire convert(Tool tool) {
      return new Wire(tool.name, tool.title, tool.description, tool.inputSchema, tool.outputSchema, tool.annotations,
          tool.icons, tool.meta);
    }
  }

  /**
   * Returns whether {@code name} is a valid tool name.
   *
   * @param name the candidate
   * @return true when it is 1 to 128 characters of {@code [A-Za-z0-9_.-]}
   */
  public static boolean isValidName(String name) {
    return NAME.matcher(name).matches();
  }

  /** The one check, and message, for a bad name: the builder fails at once, the constructor as a backstop. */
  private static void requireValidName(String name) {
    if (!isValidName(name)) {
      throw new IllegalArgumentException(
          "tool name '" + name + "' must be 1 to 128 characters of A-Z, a-z, 0-9, '_', '.' or '-'");
    }
  }

  /**
   * Starts a tool definition. Without an input schema, the tool takes no arguments.
   *
   * @param name the tool name
   * @return a builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link Tool}; every setter checks its argument at once. */
  public static final class Builder {
    private final String name;
    private @Nullable String title;
    private @Nullable String description;
    private ObjectNode inputSchema = Schemas.noArguments();
    private @Nullable ObjectNode outputSchema;
    private @Nullable ToolAnnotations annotations;
    private final List<Icon> icons = new ArrayList<>();
    private @Nullable ObjectNode meta;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
      requireValidName(name);
    }

    /**
     * Sets the display name.
     *
     * @param title the title
     * @return this builder
     */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /**
     * Sets the description the model reads.
     *
     * @param description the description
     * @return this builder
     */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /**
     * Sets the JSON Schema of the arguments.
     *
     * @param schema an object schema
     * @return this builder
     */
    public Builder inputSchema(ObjectNode schema) {
      this.inputSchema = Objects.requireNonNull(schema, "schema");
      return this;
    }

    /**
     * Sets the JSON Schema of the arguments from JSON text.
     *
     * @param schemaJson an object schema as JSON
     * @return this builder
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    public Builder inputSchema(String schemaJson) {
      this.inputSchema = Schemas.parseObject(schemaJson, "inputSchema of tool '" + name + "'");
      return this;
    }

    /**
     * Sets the JSON Schema of the structured result.
     *
     * @param schema an object schema
     * @return this builder
     */
    public Builder outputSchema(ObjectNode schema) {
      this.outputSchema = Objects.requireNonNull(schema, "schema");
      return this;
    }

    /**
     * Sets behaviour hints.
     *
     * @param annotations the hints
     * @return this builder
     */
    public Builder annotations(ToolAnnotations annotations) {
      this.annotations = Objects.requireNonNull(annotations, "annotations");
      return this;
    }

    /**
     * Adds an icon.
     *
     * @param icon the icon
     * @return this builder
     */
    public Builder icon(Icon icon) {
      icons.add(Objects.requireNonNull(icon, "icon"));
      return this;
    }

    /**
     * Sets the {@code _meta} object.
     *
     * @param meta the metadata
     * @return this builder
     */
    public Builder meta(ObjectNode meta) {
      this.meta = Objects.requireNonNull(meta, "meta");
      return this;
    }

    /**
     * Builds the tool.
     *
     * @return the immutable tool
     */
    public Tool build() {
      return new Tool(name, title, description, inputSchema, outputSchema, annotations, icons, meta);
    }
  }
}
