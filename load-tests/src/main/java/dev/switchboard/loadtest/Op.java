package dev.switchboard.loadtest;

/** What an agent sends; each gets its own latency histogram. */
enum Op {
  INITIALIZE("initialize"),
  LIST_TOOLS("tools/list"),
  ECHO("tools/call echo"),
  STREAM("tools/call stream"),
  LARGE("tools/call large"),
  /** A multi-round call (2026-07-28): the input-required reply and the retry that completes, both timed as one. */
  MRTR("MRTR round trip"),
  DELETE("DELETE");

  private final String label;

  Op(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  boolean isToolCall() {
    return this == ECHO || this == STREAM || this == LARGE || this == MRTR;
  }
}
