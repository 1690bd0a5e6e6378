package dev.switchboard.mcp.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentest4j.AssertionFailedError;

/**
 * Many agents at once: N clients, each with a session (or stateless requests) of its own, all
 * started together, each making its calls with a payload no other call has; then a check that
 * every reply reached the agent that asked, carrying that agent's own payload. The kit's small
 * version of a load test's misroute check, for a unit test.
 *
 * <pre>{@code
 * server.agents(16).callsEach(4)
 *     .run((client, payload) -> client.callTool("echo", Map.of("text", payload)).text())
 *     .assertEveryReplyReachedItsCaller();
 * }</pre>
 */
public final class ManyAgents {
  private static final Pattern PAYLOAD = Pattern.compile("agent-(\\d+)-call-(\\d+)-([0-9a-f]{8})");

  /** One call of one agent: sends the payload, returns the reply's text. */
  @FunctionalInterface
  public interface AgentCall {
    /**
     * Makes one call.
     *
     * @param client the agent's own client
     * @param payload a text no other call has, such as {@code agent-3-call-1-5f0c2a9e}
     * @return the reply as text, which should carry the payload back
     * @throws Exception when the call fails: counted as a failure, not thrown
     */
    String call(McpTestClient client, String payload) throws Exception;
  }

  private final Supplier<McpTestClient> clients;
  private final int agents;
  private final int callsEach;
  private final Duration timeout;

  private ManyAgents(Supplier<McpTestClient> clients, int agents, int callsEach, Duration timeout) {
    this.clients = clients;
    this.agents = agents;
    this.callsEach = callsEach;
    this.timeout = timeout;
  }

  /**
   * Agents whose clients come from a supplier (one client per agent).
   *
   * @param clients makes a new client; the run closes each when it is done
   * @return the run: 8 agents, one call each, 60 s in all, until changed
   */
  public static ManyAgents of(Supplier<McpTestClient> clients) {
    return new ManyAgents(Objects.requireNonNull(clients, "clients"), 8, 1, Duration.ofSeconds(60));
  }

  /**
   * How many agents.
   *
   * @param count at least 1
   * @return the changed run
   */
  public ManyAgents agents(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one agent, not " + count);
    }
    return new ManyAgents(clients, count, callsEach, timeout);
  }

  /**
   * How many calls each agent makes, one after another.
   *
   * @param count at least 1
   * @return the changed run
   */
  public ManyAgents callsEach(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one call, not " + count);
    }
    return new ManyAgents(clients, agents, count, timeout);
  }

  /**
   * How long the whole run may take; calls still running then are counted as unfinished.
   *
   * @param limit the time allowed
   * @return the changed run
   */
  public ManyAgents timeout(Duration limit) {
    return new ManyAgents(clients, agents, callsEach, Objects.requireNonNull(limit, "limit"));
  }

  /**
   * Runs the agents, all started at once, and reports what each got.
   *
   * @param call what each agent does with its payload
   * @return the report
   * @throws InterruptedException when the test's thread is interrupted
   */
  public Report run(AgentCall call) throws InterruptedException {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    List<String> misrouted = Collections.synchronizedList(new ArrayList<>());
    List<String> lost = Collections.synchronizedList(new ArrayList<>());
    int[] answered = new int[1];
    CountDownLatch ready = new CountDownLatch(agents);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(agents, task -> {
      Thread thread = new Thread(task, "switchboard-test-agent");
      thread.setDaemon(true);
      return thread;
    });
    long started = System.nanoTime();
    try {
      for (int agent = 0; agent < agents; agent++) {
        int self = agent;
        pool.execute(() -> {
          McpTestClient made;
          try {
            made = clients.get();
          } catch (RuntimeException | Error e) {
            failures.add("agent " + self + " got no client: " + e);
            return;
          } finally {
            ready.countDown();
          }
          try (McpTestClient client = made) {
            go.await();
            for (int n = 0; n < callsEach; n++) {
              String payload = "agent-" + self + "-call-" + n + "-" + run;
              String reply;
              try {
                reply = call.call(client, payload);
              } catch (Exception | AssertionError e) {
                failures.add(payload + ": " + Exchange.cut(String.valueOf(e.getMessage()), 600));
                continue;
              }
              synchronized (answered) {
                answered[0]++;
              }
              check(payload, reply, run, misrouted, lost);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (RuntimeException | AssertionError e) {
            failures.add("agent " + self + ": " + Exchange.cut(String.valueOf(e.getMessage()), 600));
          }
        });
      }
      long deadline = started + timeout.toNanos();
      ready.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
      go.countDown();
      pool.shutdown();
      boolean finished = pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      int done;
      synchronized (answered) {
        done = answered[0];
      }
      int unfinished = finished ? 0 : agents * callsEach - done - failures.size();
      return new Report(agents, callsEach, done, List.copyOf(failures), List.copyOf(misrouted), List.copyOf(lost),
          Math.max(0, unfinished), Duration.ofNanos(System.nanoTime() - started));
    } finally {
      go.countDown();
      pool.shutdownNow();
    }
  }

  private static void check(String payload, String reply, String run, List<String> misrouted, List<String> lost) {
    String text = reply == null ? "" : reply;
    if (text.contains(payload)) {
      return;
    }
    Matcher other = PAYLOAD.matcher(text);
    while (other.find()) {
      if (other.group(3).equals(run)) {
        misrouted.add(payload + " got another call's reply: " + Exchange.cut(text, 300));
        return;
      }
    }
    lost.add(payload + " got a reply without its payload: " + Exchange.cut(text, 300));
  }

  /** What a run of many agents got. Immutable. */
  public static final class Report {
    private final int agents;
    private final int callsEach;
    private final int answered;
    private final List<String> failures;
    private final List<String> misrouted;
    private final List<String> wrong;
    private final int unfinished;
    private final Duration elapsed;

    Report(int agents, int callsEach, int answered, List<String> failures, List<String> misrouted,
        List<String> wrong, int unfinished, Duration elapsed) {
      this.agents = agents;
      this.callsEach = callsEach;
      this.answered = answered;
      this.failures = failures;
      this.misrouted = misrouted;
      this.wrong = wrong;
      this.unfinished = unfinished;
      this.elapsed = elapsed;
    }

    /**
     * How many calls the run made in all.
     *
     * @return agents × calls each
     */
    public int calls() {
      return agents * callsEach;
    }

    /**
     * How many calls got a reply.
     *
     * @return the calls answered (correctly or not)
     */
    public int answered() {
      return answered;
    }

    /**
     * The calls that failed, with why.
     *
     * @return one line per failure
     */
    public List<String> failures() {
      return failures;
    }

    /**
     * The replies that carried another call's payload: a reply that went to the wrong caller.
     *
     * @return one line per misrouted reply
     */
    public List<String> misrouted() {
      return misrouted;
    }

    /**
     * The replies that carried no payload of this run at all.
     *
     * @return one line per such reply
     */
    public List<String> wrongReplies() {
      return wrong;
    }

    /**
     * How many calls had not ended when the time ran out.
     *
     * @return the count
     */
    public int unfinished() {
      return unfinished;
    }

    /**
     * How long the run took.
     *
     * @return from the start to the last reply
     */
    public Duration elapsed() {
      return elapsed;
    }

    /**
     * Checks that every call was answered, and every reply carried its own caller's payload.
     *
     * @return this report
     * @throws AssertionError listing what went wrong
     */
    public Report assertEveryReplyReachedItsCaller() {
      if (failures.isEmpty() && misrouted.isEmpty() && wrong.isEmpty() && unfinished == 0
          && answered == calls()) {
        return this;
      }
      StringBuilder message = new StringBuilder(toString());
      append(message, "misrouted", misrouted);
      append(message, "without their payload", wrong);
      append(message, "failed", failures);
      throw new AssertionFailedError(message.toString());
    }

    private static void append(StringBuilder out, String what, List<String> lines) {
      if (!lines.isEmpty()) {
        out.append("\n").append(lines.size()).append(' ').append(what).append(':');
        lines.stream().limit(10).forEach(line -> out.append("\n  ").append(line));
        if (lines.size() > 10) {
          out.append("\n  ... and ").append(lines.size() - 10).append(" more");
        }
      }
    }

    /**
     * The report in one line.
     *
     * @return the counts
     */
    @Override
    public String toString() {
      return agents + " agents x " + callsEach + " calls: " + answered + " answered, " + misrouted.size()
          + " misrouted, " + wrong.size() + " without their payload, " + failures.size() + " failed, " + unfinished
          + " unfinished, in " + elapsed.toMillis() + " ms";
    }
  }
}
