package dev.switchboard.mcp.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import tools.jackson.databind.JsonNode;

/** The state of one request while the client serves it: what it received, and how to cancel it. */
final class Call {
  final String method;
  final ClientScript.Conversation conversation;
  final String progressToken;
  final long deadlineNanos;
  final String timeoutText;
  private final List<Exchange> exchanges = new ArrayList<>();
  private final List<Progress> progress = new ArrayList<>();
  private final List<LogMessage> logs = new ArrayList<>();
  private final List<ServerQuestion> questions = new ArrayList<>();
  private final List<JsonNode> notifications = new ArrayList<>();
  /** Progress as it arrives, for a test waiting on a call in flight. */
  final BlockingQueue<Progress> progressFeed = new LinkedBlockingQueue<>();
  volatile boolean cancelled;
  volatile Wire.Reply current;
  volatile JsonNode requestId;

  Call(String method, ClientScript script, String progressToken, long deadlineNanos, String timeoutText) {
    this.method = method;
    this.conversation = script.start();
    this.progressToken = progressToken;
    this.deadlineNanos = deadlineNanos;
    this.timeoutText = timeoutText;
  }

  synchronized void exchange(Exchange exchange) {
    exchanges.add(exchange);
  }

  synchronized List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  synchronized void progress(Progress value) {
    progress.add(value);
    progressFeed.add(value);
  }

  synchronized void log(LogMessage message) {
    logs.add(message);
  }

  synchronized void question(ServerQuestion question) {
    questions.add(question);
  }

  synchronized void notification(JsonNode message) {
    notifications.add(message.deepCopy());
  }

  synchronized McpResult result(JsonNode result) {
    return new McpResult(method, result, exchanges, progress, logs, questions, notifications);
  }
}
