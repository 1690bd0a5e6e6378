package dev.switchboard.loadtest;

import java.io.PrintStream;

/**
 * The live progress line on the console: rewritten in place on a terminal, a full line every few
 * seconds otherwise (a log file should not get one line per second of a long run).
 */
final class ProgressLine {
  private final PrintStream out;
  private final boolean terminal;
  private int ticks;
  private int width;

  ProgressLine(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  static ProgressLine console() {
    return new ProgressLine(System.err, System.console() != null);
  }

  /** Called once a second. */
  synchronized void update(String text) {
    if (terminal) {
      out.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
      width = text.length();
      out.flush();
    } else if (++ticks % 5 == 0) {
      out.println(text);
    }
  }

  synchronized void done(String text) {
    if (terminal) {
      out.print("\r" + " ".repeat(width) + "\r");
    }
    width = 0;
    ticks = 0;
    out.println(text);
  }
}
