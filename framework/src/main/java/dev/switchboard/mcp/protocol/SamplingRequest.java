package dev.switchboard.mcp.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request for the client's model to generate a message ({@code sampling/createMessage}). Build
 * one with {@link #builder(int)}.
 */
public final class SamplingRequest {
  private final List<SamplingMessage> messages;
  private final int maxTokens;
  private final @Nullable String systemPrompt;
  private final @Nullable ModelPreferences modelPreferences;
  private final @Nullable String includeContext;
  private final @Nullable Double temperature;
  private final List<String> stopSequences;
  private final List<Tool> tools;
  private final @Nullable String toolChoice;
  private final @Nullable ObjectNode metadata;

  private SamplingRequest(Builder builder) {
    if (builder.messages.isEmpty()) {
      throw new IllegalArgumentException("a sampling request needs at least one message");
    }
    this.messages = List.copyOf(builder.messages);
    this.maxTokens = builder.maxTokens;
    this.systemPrompt = builder.systemPrompt;
    this.modelPreferences = builder.modelPreferences;
    this.includeContext = builder.includeContext;
    this.temperature = builder.temperature;
    this.stopSequences = List.copyOf(builder.stopSequences);
    this.tools = List.copyOf(builder.tools);
    this.toolChoice = builder.toolChoice;
    this.metadata = builder.metadata == null ? null : builder.metadata.deepCopy();
  }

  /**
   * Starts a request.
   *
   * @param maxTokens the most tokens the model may generate
   * @return a builder
   */
  public static Builder builder(int maxTokens) {
    return new Builder(maxTokens);
  }

  /**
   * Returns whether the request offers tools, which needs the client's {@code sampling.tools} capability.
   *
   * @return true when tools are offered
   */
  public boolean usesTools() {
    return !tools.isEmpty();
  }

  /**
   * Returns the request's parameters as sent.
   *
   * @param mapper the mapper that writes content blocks
   * @return the {@code params} object
   */
  public ObjectNode toParams(JsonMapper mapper) {
    ObjectNode params = mapper.createObjectNode();
    params.set("messages", mapper.valueToTree(messages));
    params.put("maxTokens", maxTokens);
    if (systemPrompt != null) {
      params.put("systemPrompt", systemPrompt);
    }
    if (modelPreferences != null) {
      params.set("modelPreferences", mapper.valueToTree(modelPreferences.toWire()));
    }
    if (includeContext != null) {
      params.put("includeContext", includeContext);
    }
    if (temperature != null) {
      params.put("temperature", temperature);
    }
    if (!stopSequences.isEmpty()) {
      params.set("stopSequences", mapper.valueToTree(stopSequences));
    }
    if (!tools.isEmpty()) {
      params.set("tools", mapper.valueToTree(tools));
    }
    if (toolChoice != null) {
      params.set("toolChoice", mapper.createObjectNode().put("mode", toolChoice));
    }
    if (metadata != null) {
      params.set("metadata", metadata);
    }
    return params;
  }

  /** Builds a {@link SamplingRequest}; each setter checks its argument at once. */
  public static final class Builder {
    private final List<SamplingMessage> messages = new ArrayList<>();
    private final int maxTokens;
    private @Nullable String systemPrompt;
    private @Nullable ModelPreferences modelPreferences;
    private @Nullable String includeContext;
    private @Nullable Double temperature;
    private final List<String> stopSequences = new ArrayList<>();
    private final List<Tool> tools = new ArrayList<>();
    private @Nullable String toolChoice;
    private @Nullable ObjectNode metadata;

    private Builder(int maxTokens) {
      if (maxTokens < 1) {
        throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
      }
      this.maxTokens = maxTokens;
    }

    /**
     * Adds a message.
     *
     * @param message the message
     * @return this builder
     */
    public Builder message(SamplingMessage message) {
      messages.add(Objects.requireNonNull(message, "message"));
      return this;
    }

    /**
     * Adds a text message from the user.
     *
     * @param text the text
     * @return this builder
     */
    public Builder userMessage(String text) {
      return message(SamplingMessage.user(Objects.requireNonNull(text, "text")));
    }

    /**
     * Sets the system prompt.
     *
     * @param prompt the prompt
     * @return this builder
     */
    public Builder systemPrompt(String prompt) {
      this.systemPrompt = Objects.requireNonNull(prompt, "prompt");
      return this;
    }

    /**
     * Sets model preferences.
     *
     * @param preferences the preferences
     * @return this builder
     */
    public Builder modelPreferences(ModelPreferences preferences) {
      this.modelPreferences = Objects.requireNonNull(preferences, "preferences");
      return this;
    }

    /**
     * Asks the client to include context from MCP servers.
     *
     * @param context {@code "none"}, {@code "thisServer"} or {@code "allServers"}
     * @return this builder
     */
    public Builder includeContext(String context) {
      if (!List.of("none", "thisServer", "allServers").contains(context)) {
        throw new IllegalArgumentException("includeContext is none, thisServer or allServers, was " + context);
      }
      this.includeContext = context;
      return this;
    }

    /**
     * Sets the sampling temperature.
     *
     * @param value the temperature
     * @return this builder
     */
    public Builder temperature(double value) {
      this.temperature = value;
      return this;
    }

    /**
     * Adds a stop sequence.
     *
     * @param sequence the sequence
     * @return this builder
     */
    public Builder stopSequence(String sequence) {
      stopSequences.add(Objects.requireNonNull(sequence, "sequence"));
      return this;
    }

    /**
     * Offers the model a tool (needs the client's {@code sampling.tools} capability, 2025-11-25).
     *
     * @param tool the tool
     * @return this builder
     */
    public Builder tool(Tool tool) {
      tools.add(Objects.requireNonNull(tool, "tool"));
      return this;
    }

    /**
     * Sets how the model may use the offered tools.
     *
     * @param mode {@code "auto"}, {@code "required"} or {@code "none"}
     * @return this builder
     */
    public Builder toolChoice(String mode) {
      if (!List.of("auto", "required", "none").contains(mode)) {
        throw new IllegalArgumentException("toolChoice is auto, required or none, was " + mode);
      }
      this.toolChoice = mode;
      return this;
    }

    /**
     * Sets provider-specific metadata.
     *
     * @param value the metadata
     * @return this builder
     */
    public Builder metadata(ObjectNode value) {
      this.metadata = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws IllegalArgumentException when there are no messages
     */
    public SamplingRequest build() {
      return new SamplingRequest(this);
    }
  }
}
