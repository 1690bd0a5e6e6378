package dev.switchboard.mcp.test;

import dev.switchboard.mcp.protocol.Root;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The test's answers to the questions a server asks while it serves a request: elicitations,
 * sampling requests, roots listings. The same script answers on a session (the client POSTs each
 * answer while it reads the call's stream) and in 2026-07-28 (the client retries the request with
 * {@code inputResponses} and the {@code requestState}), so a tool that asks the user is tested in
 * both eras with the same code.
 *
 * <p>A question the script has no rule for fails the call at once, naming the question, rather
 * than leaving the server waiting. Scripts are immutable: each {@code on...} method returns a new
 * one. Rules given in order ({@link #onElicitations(Answer...)}) count the questions of one call.
 *
 * <pre>{@code
 * ClientScript script = ClientScript.none()
 *     .onElicitation(question -> question.message().contains("Delete")
 *         ? Answer.decline() : Answer.accept(Map.of("confirm", true)))
 *     .onSampling(Answer.sample("A short poem."))
 *     .onRoots(new Root("file:///work", "work"));
 * }</pre>
 */
public final class ClientScript {
  private static final ClientScript NONE = new ClientScript(Map.of(), null);

  /** How one kind of question is answered. */
  private sealed interface Rule permits Each, InOrder {}

  private record Each(Function<ServerQuestion, Answer> answer) implements Rule {}

  private record InOrder(List<Answer> answers) implements Rule {}

  private final Map<String, Rule> rules;
  private final Rule otherwise;

  private ClientScript(Map<String, Rule> rules, Rule otherwise) {
    this.rules = Map.copyOf(rules);
    this.otherwise = otherwise;
  }

  /**
   * A script without answers: any question fails the call.
   *
   * @return the empty script
   */
  public static ClientScript none() {
    return NONE;
  }

  /**
   * Accepts every elicitation with the given content.
   *
   * @param content a {@code Map} or a record, the form's values
   * @return the script
   */
  public static ClientScript acceptElicitation(Object content) {
    return NONE.onElicitation(Answer.accept(content));
  }

  /**
   * Declines every elicitation.
   *
   * @return the script
   */
  public static ClientScript declineElicitation() {
    return NONE.onElicitation(Answer.decline());
  }

  /**
   * Cancels every elicitation.
   *
   * @return the script
   */
  public static ClientScript cancelElicitation() {
    return NONE.onElicitation(Answer.cancel());
  }

  /**
   * Never answers any question (see {@link Answer#never()}).
   *
   * @return the script
   */
  public static ClientScript neverAnswer() {
    return new ClientScript(Map.of(), new Each(question -> Answer.never()));
  }

  /**
   * Answers every elicitation the same way.
   *
   * @param answer the answer
   * @return a new script with this rule
   */
  public ClientScript onElicitation(Answer answer) {
    Objects.requireNonNull(answer, "answer");
    return on(ServerQuestion.ELICITATION, question -> answer);
  }

  /**
   * Answers each elicitation as the function decides, for example by its message.
   *
   * @param answer the answer to each question
   * @return a new script with this rule
   */
  public ClientScript onElicitation(Function<ServerQuestion, Answer> answer) {
    return on(ServerQuestion.ELICITATION, answer);
  }

  /**
   * Answers the elicitations of one call in order: the first with the first answer, and so on; one
   * more than given fails the call.
   *
   * @param answers the answers, in order
   * @return a new script with this rule
   */
  public ClientScript onElicitations(Answer... answers) {
    return with(ServerQuestion.ELICITATION, new InOrder(List.of(answers)));
  }

  /**
   * Answers every sampling request the same way.
   *
   * @param answer the answer, such as {@link Answer#sample(String)}
   * @return a new script with this rule
   */
  public ClientScript onSampling(Answer answer) {
    Objects.requireNonNull(answer, "answer");
    return on(ServerQuestion.SAMPLING, question -> answer);
  }

  /**
   * Answers each sampling request as the function decides.
   *
   * @param answer the answer to each request
   * @return a new script with this rule
   */
  public ClientScript onSampling(Function<ServerQuestion, Answer> answer) {
    return on(ServerQuestion.SAMPLING, answer);
  }

  /**
   * Answers roots listings with these roots.
   *
   * @param roots the client's roots
   * @return a new script with this rule
   */
  public ClientScript onRoots(Root... roots) {
    Answer answer = Answer.roots(Arrays.asList(roots));
    return on(ServerQuestion.ROOTS, question -> answer);
  }

  /**
   * Answers any kind of question, by its method.
   *
   * @param method the question's method, such as {@code elicitation/create}
   * @param answer the answer to each question of that method
   * @return a new script with this rule
   */
  public ClientScript on(String method, Function<ServerQuestion, Answer> answer) {
    return with(Objects.requireNonNull(method, "method"), new Each(Objects.requireNonNull(answer, "answer")));
  }

  /**
   * This script with the other's rules added; where both answer a method, the other's rule wins.
   *
   * @param other the script whose rules take precedence
   * @return the combined script
   */
  public ClientScript and(ClientScript other) {
    Map<String, Rule> merged = new HashMap<>(rules);
    merged.putAll(other.rules);
    return new ClientScript(merged, other.otherwise != null ? other.otherwise : otherwise);
  }

  private ClientScript with(String method, Rule rule) {
    Map<String, Rule> changed = new LinkedHashMap<>(rules);
    changed.put(method, rule);
    return new ClientScript(changed, otherwise);
  }

  /** The script's state for one call: how many questions of each method were answered. */
  Conversation start() {
    return new Conversation();
  }

  /** The answers of one call. */
  final class Conversation {
    private final Map<String, Integer> asked = new HashMap<>();

    /** The answer to a question, or null when the script has none. */
    synchronized Answer answer(ServerQuestion question) {
      Rule rule = rules.getOrDefault(question.method(), otherwise);
      int index = asked.merge(question.method(), 1, Integer::sum) - 1;
      if (rule instanceof Each each) {
        return each.answer().apply(question);
      }
      if (rule instanceof InOrder inOrder) {
        return index < inOrder.answers().size() ? inOrder.answers().get(index) : null;
      }
      return null;
    }
  }

  /**
   * The script as text.
   *
   * @return the methods it answers
   */
  @Override
  public String toString() {
    return "ClientScript" + rules.keySet() + (otherwise == null ? "" : " (and never answers the rest)");
  }
}
