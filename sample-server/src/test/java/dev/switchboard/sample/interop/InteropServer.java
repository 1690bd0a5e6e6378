package dev.switchboard.sample.interop;

import dev.switchboard.mcp.annotations.McpParam;
import dev.switchboard.mcp.annotations.McpResource;
import dev.switchboard.mcp.annotations.McpTool;
import dev.switchboard.mcp.protocol.ElicitationResult;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.Root;
import dev.switchboard.mcp.protocol.SamplingRequest;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.server.RequestContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/** The server the TypeScript SDK client talks to in the interop tests. */
public class InteropServer {
  private final AtomicReference<McpServer> server = new AtomicReference<>();
  private final AtomicInteger rootsChanges = new AtomicInteger();

  /** Languages, for the elicited form. */
  public enum Language { ENGLISH, FRENCH }

  /** A record as a newcomer writes it: nothing says its components are non-null. */
  public record Person(String name, int age) {}

  /** What the greeting asks for. */
  public record NameForm(@McpParam(title = "Your name") String name, Language language) {}

  public static McpServer build() {
    InteropServer tools = new InteropServer();
    McpServer server = McpServer.builder("interop", "1.0.0")
        .register(tools)
        .onRootsChanged(session -> tools.rootsChanges.incrementAndGet())
        .build();
    tools.server.set(server);
    return server;
  }

  @McpTool(name = "greet", description = "Asks the user's name, then greets them")
  public String greet(RequestContext context) throws Exception {
    ElicitationResult<NameForm> answer = context.elicit("What is your name?", NameForm.class);
    return answer.value().map(form -> (form.language() == Language.FRENCH ? "Bonjour, " : "Hello, ") + form.name() + "!")
        .orElse("no name: " + answer.action().wireName());
  }

  @McpTool(name = "summarize", description = "Asks the client's model for a summary")
  public String summarize(String text, RequestContext context) throws Exception {
    return "summary: " + context.createMessage(SamplingRequest.builder(200).userMessage("Summarize: " + text).build()).text();
  }

  @McpTool(name = "list_roots", description = "Lists the client's roots")
  public String listRoots(RequestContext context) throws Exception {
    return context.listRoots().stream().map(Root::uri).collect(Collectors.joining(","));
  }

  @McpTool(name = "count", description = "Counts, reporting progress")
  public String count(int to, RequestContext context) {
    for (int i = 1; i <= to; i++) {
      context.progress(i, (double) to, "at " + i);
    }
    return "counted to " + to;
  }

  @McpTool(name = "chatty", description = "Logs while it works")
  public String chatty(RequestContext context) {
    context.log(LoggingLevel.DEBUG, "interop", "too detailed");
    context.log(LoggingLevel.INFO, "interop", "working");
    context.log(LoggingLevel.WARNING, "interop", "almost done");
    return "done talking";
  }

  @McpTool(name = "touch", description = "Reports that a resource changed")
  public String touch(String uri) {
    server.get().notifyResourceUpdated(uri);
    return "touched";
  }

  @McpTool(name = "slow_reconnect", description = "Makes the client reconnect before it answers")
  public String slowReconnect(RequestContext context) throws InterruptedException {
    context.progress(1, 2.0, "before");
    if (!context.disconnect()) {
      throw new IllegalStateException("this session cannot be resumed");
    }
    Thread.sleep(300);
    context.progress(2, 2.0, "after");
    return "resumed result";
  }

  @McpTool(name = "cut_mid_call", description = "Runs long enough for the network to fail in the middle")
  public String cutMidCall(RequestContext context) throws InterruptedException {
    context.progress(1, 2.0, "first");
    Thread.sleep(600);
    context.progress(2, 2.0, "second");
    return "survived the cut";
  }

  @McpTool(name = "roots_changes", description = "How many roots changes the server heard of")
  public String rootsChanges() {
    return String.valueOf(rootsChanges.get());
  }

  @McpTool(name = "null_component", description = "A record with a null component")
  public Person nullComponent() {
    return new Person(null, 41);
  }

  @McpTool(name = "null_record", description = "A record-returning tool that returns null")
  public Person nullRecord() {
    return null;
  }

  @McpTool(name = "people", description = "A list of records")
  public List<Person> people() {
    return List.of(new Person("Ada", 36), new Person(null, 7));
  }

  @McpResource(uri = "memo://watched", description = "A resource that changes")
  public String watched() {
    return "watched";
  }
}
