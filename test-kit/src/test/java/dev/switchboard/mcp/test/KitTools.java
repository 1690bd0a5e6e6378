package dev.switchboard.mcp.test;

import dev.switchboard.mcp.annotations.McpComplete;
import dev.switchboard.mcp.annotations.McpParam;
import dev.switchboard.mcp.annotations.McpPrompt;
import dev.switchboard.mcp.annotations.McpResource;
import dev.switchboard.mcp.annotations.McpTool;
import dev.switchboard.mcp.protocol.ElicitationResult;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.Root;
import dev.switchboard.mcp.protocol.SamplingRequest;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.mcp.server.RequestContext;
import dev.switchboard.mcp.server.ToolErrorException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** The server the kit's own tests run against: annotated tools that ask, report progress, log and return data. */
public class KitTools {
  /** Tools with fresh counters. */
  public KitTools() {}

  /** Counts orders placed, the side effect that must happen once. */
  public final AtomicInteger orders = new AtomicInteger();
  /** Released when a slow call was cancelled (its thread interrupted). */
  public volatile CountDownLatch slowCancelled = new CountDownLatch(1);

  /** The user's confirmation. */
  public record Confirmation(@McpParam(title = "Place the order?") boolean confirm) {}

  /** Where to ship. */
  public record Address(@McpParam(title = "Street") String street) {}

  /** A sum and its terms. */
  public record Sum(int total, List<Integer> terms) {}

  @McpTool(description = "Returns the text it is given", readOnly = true, openWorld = false)
  public String echo(@McpParam(description = "What to say back") String text) {
    return text;
  }

  @McpTool(description = "Adds numbers", readOnly = true, idempotent = true, openWorld = false)
  public Sum add(List<Integer> terms) {
    return new Sum(terms.stream().mapToInt(Integer::intValue).sum(), terms);
  }

  @McpTool(description = "Counts to a number, reporting progress", readOnly = true)
  public String count(int to, RequestContext context) {
    for (int i = 1; i <= to; i++) {
      context.progress(i, (double) to, "step " + i);
    }
    return "counted to " + to;
  }

  @McpTool(description = "Logs at several levels")
  public String chatty(RequestContext context) {
    context.log(LoggingLevel.DEBUG, "kit", "details");
    context.log(LoggingLevel.INFO, "kit", "working");
    context.log(LoggingLevel.WARNING, "kit", "almost out of paper");
    return "logged";
  }

  @McpTool(description = "Orders an item after the user confirms")
  public String order(String item, RequestContext context) throws Exception {
    ElicitationResult<Confirmation> answer;
    try {
      answer = context.elicit("Order " + item + "?", Confirmation.class);
    } catch (TimeoutException e) {
      return "Nobody answered.";
    }
    if (!answer.accepted()) {
      return "Not ordered: " + answer.action().wireName() + ".";
    }
    if (!answer.value().map(Confirmation::confirm).orElse(false)) {
      return "Not ordered.";
    }
    orders.incrementAndGet();
    return "Ordered " + item + ".";
  }

  @McpTool(description = "Ships an item: asks where, then asks to confirm")
  public String ship(String item, RequestContext context) throws Exception {
    String street = context.elicit("Ship " + item + " where?", Address.class).value().map(Address::street)
        .orElse("nowhere");
    boolean confirmed = context.elicit("Ship " + item + " to " + street + "?", Confirmation.class).value()
        .map(Confirmation::confirm).orElse(false);
    return confirmed ? "Shipping " + item + " to " + street + "." : "Not shipped.";
  }

  @McpTool(description = "Writes a haiku with the client's model")
  public String haiku(String topic, RequestContext context) throws Exception {
    return "The model wrote: " + context.createMessage(SamplingRequest.builder(40)
        .userMessage("A haiku about " + topic).build()).text();
  }

  @McpTool(description = "Lists the client's roots")
  public String workspace(RequestContext context) throws Exception {
    return "roots: " + context.listRoots().stream().map(Root::uri).collect(Collectors.joining(", "));
  }

  @McpTool(description = "Always fails")
  public String fail(String why) {
    throw new ToolErrorException(why);
  }

  @McpTool(description = "Runs until cancelled (at most 20 s)")
  public String slow(RequestContext context) throws Exception {
    context.progress(1, null, "started");
    try {
      Thread.sleep(20_000);
      return "finished";
    } catch (InterruptedException e) {
      slowCancelled.countDown();
      throw e;
    }
  }

  @McpTool(description = "Lets go of its connection, then finishes: the client resumes the stream")
  public String poll(RequestContext context) throws Exception {
    context.progress(1, 2.0, "before");
    boolean disconnected = context.disconnect();
    Thread.sleep(300);
    context.progress(2, 2.0, "after");
    return disconnected ? "done after a reconnection" : "done";
  }

  @McpTool(description = "Finds stock in a region", readOnly = true)
  public String stock(@McpParam(description = "Where", header = "Region") String region,
      @McpParam(description = "At least", header = "Min") int min) {
    return region + " has at least " + min;
  }

  @McpResource(uri = "kit://greeting", description = "A greeting")
  public String greeting() {
    return "Hello from the kit.";
  }

  @McpResource(uri = "kit://items/{name}", description = "An item")
  public String item(String name) {
    return "item " + name;
  }

  @McpComplete(resource = "kit://items/{name}", argument = "name")
  public List<String> itemNames(String prefix) {
    return List.of("lamp", "ladder", "table").stream().filter(name -> name.startsWith(prefix)).toList();
  }

  @McpPrompt(description = "Asks for a review of a topic")
  public String review(String topic) {
    return "Review " + topic + ", briefly.";
  }

  /** The server over these tools. */
  public static McpServer server(KitTools tools) {
    return McpServer.builder("kit-tools", "1.0.0").register(tools).build();
  }

  /** The server over these tools, whose questions to the client time out after a short while. */
  public static McpServer impatient(KitTools tools, Duration patience) {
    return McpServer.builder("kit-tools", "1.0.0").clientRequestTimeout(patience).register(tools).build();
  }

  /** Waits for a cancelled slow call's thread to be interrupted. */
  public boolean awaitSlowCancelled(Duration timeout) throws InterruptedException {
    return slowCancelled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
