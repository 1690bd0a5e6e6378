package dev.switchboard.mcp.server;

import dev.switchboard.mcp.protocol.SamplingRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Questions for the client asked together, in one round, each under a key of the handler's choosing;
 * see {@link RequestContext#ask(InputRequests)}. Immutable.
 *
 * <pre>{@code
 * InputResponses answers = context.ask(InputRequests.builder()
 *     .elicit("user_name", "What is your name?", Name.class)
 *     .listRoots("client_roots")
 *     .build());
 * Name name = answers.elicitation("user_name", Name.class).content();
 * }</pre>
 */
public final class InputRequests {
  /** One question, under its key. */
  public sealed interface Question permits Elicit, ElicitWithSchema, Sample, ListRoots {
    /**
     * Returns the key the answer comes back under.
     *
     * @return the key, unique within the round
     */
    String key();
  }

  /**
   * A form for the user, its schema generated from a type ({@code elicitation/create}).
   *
   * @param key the key
   * @param message what to ask
   * @param form the form's type, as for {@link RequestContext#elicit(String, Class)}
   */
  public record Elicit(String key, String message, Class<?> form) implements Question {
    /** Checks the invariants. */
    public Elicit {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(form, "form");
    }
  }

  /**
   * A form for the user described by a hand-written schema ({@code elicitation/create}).
   *
   * @param key the key
   * @param message what to ask
   * @param requestedSchema a flat object schema of primitive properties
   */
  public record ElicitWithSchema(String key, String message, ObjectNode requestedSchema) implements Question {
    /** Checks the invariants and copies the schema. */
    public ElicitWithSchema {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(message, "message");
      requestedSchema = Objects.requireNonNull(requestedSchema, "requestedSchema").deepCopy();
    }

    @Override
    public ObjectNode requestedSchema() {
      return requestedSchema.deepCopy();
    }
  }

  /**
   * A request to the client's model ({@code sampling/createMessage}).
   *
   * @param key the key
   * @param request the messages and limits
   */
  public record Sample(String key, SamplingRequest request) implements Question {
    /** Checks the invariants. */
    public Sample {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(request, "request");
    }
  }

  /**
   * A request for the client's roots ({@code roots/list}).
   *
   * @param key the key
   */
  public record ListRoots(String key) implements Question {
    /** Checks the invariants. */
    public ListRoots {
      Objects.requireNonNull(key, "key");
    }
  }

  private final List<Question> questions;

  private InputRequests(List<Question> questions) {
    this.questions = List.copyOf(questions);
  }

  /**
   * Starts a set of questions.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the questions, in the order they were added.
   *
   * @return the questions; never empty
   */
  public List<Question> questions() {
    return questions;
  }

  /** Collects questions; keys must be unique, and must not start with {@code #} (the framework's own). */
  public static final class Builder {
    private final List<Question> questions = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();

    private Builder() {}

    /**
     * Adds a form for the user.
     *
     * @param key the key of the answer
     * @param message what to ask
     * @param form the form's type
     * @return this builder
     */
    public Builder elicit(String key, String message, Class<?> form) {
      return add(new Elicit(key, message, form));
    }

    /**
     * Adds a form described by a hand-written schema.
     *
     * @param key the key of the answer
     * @param message what to ask
     * @param requestedSchema the form's schema
     * @return this builder
     */
    public Builder elicit(String key, String message, ObjectNode requestedSchema) {
      return add(new ElicitWithSchema(key, message, requestedSchema));
    }

    /**
     * Adds a request to the client's model.
     *
     * @param key the key of the answer
     * @param request the messages and limits
     * @return this builder
     */
    public Builder createMessage(String key, SamplingRequest request) {
      return add(new Sample(key, request));
    }

    /**
     * Adds a request for the client's roots.
     *
     * @param key the key of the answer
     * @return this builder
     */
    public Builder listRoots(String key) {
      return add(new ListRoots(key));
    }

    private Builder add(Question question) {
      String key = question.key();
      if (key.isEmpty() || key.startsWith("#")) {
        throw new IllegalArgumentException("a question's key must not be empty or start with '#': '" + key + "'");
      }
      if (!keys.add(key)) {
        throw new IllegalArgumentException("two questions share the key '" + key + "'");
      }
      questions.add(question);
      return this;
    }

    /**
     * Returns the questions.
     *
     * @return the immutable set
     * @throws IllegalStateException when no question was added
     */
    public InputRequests build() {
      if (questions.isEmpty()) {
        throw new IllegalStateException("ask at least one question");
      }
      return new InputRequests(questions);
    }
  }
}
