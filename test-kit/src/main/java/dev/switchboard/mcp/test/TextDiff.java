package dev.switchboard.mcp.test;

import java.util.ArrayList;
import java.util.List;

/** A line diff, for failure messages: the lines only one side has, with a little context. */
final class TextDiff {
  private static final int CONTEXT = 3;
  private static final long MAX_CELLS = 4_000_000;

  private TextDiff() {}

  /**
   * The difference of two texts, unified-diff style: {@code -} lines only the expected text has,
   * {@code +} lines only the actual one has, {@code @@} before each hunk with its line numbers.
   */
  static String diff(String expected, String actual, int maxLines) {
    List<String> a = List.of(expected.split("\n", -1));
    List<String> b = List.of(actual.split("\n", -1));
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix
        && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
      suffix++;
    }
    List<String> middleA = a.subList(prefix, a.size() - suffix);
    List<String> middleB = b.subList(prefix, b.size() - suffix);
    List<String[]> ops = new ArrayList<>(); // {op, text}: " ", "-", "+"
    for (String line : a.subList(0, prefix)) {
      ops.add(new String[] {" ", line});
    }
    if ((long) middleA.size() * middleB.size() <= MAX_CELLS) {
      lcs(middleA, middleB, ops);
    } else {
      middleA.forEach(line -> ops.add(new String[] {"-", line}));
      middleB.forEach(line -> ops.add(new String[] {"+", line}));
    }
    for (String line : a.subList(a.size() - suffix, a.size())) {
      ops.add(new String[] {" ", line});
    }
    return render(ops, maxLines);
  }

  private static void lcs(List<String> a, List<String> b, List<String[]> ops) {
    int[][] lengths = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lengths[i][j] = a.get(i).equals(b.get(j)) ? lengths[i + 1][j + 1] + 1
            : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < a.size() && j < b.size()) {
      if (a.get(i).equals(b.get(j))) {
        ops.add(new String[] {" ", a.get(i++)});
        j++;
      } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
        ops.add(new String[] {"-", a.get(i++)});
      } else {
        ops.add(new String[] {"+", b.get(j++)});
      }
    }
    while (i < a.size()) {
      ops.add(new String[] {"-", a.get(i++)});
    }
    while (j < b.size()) {
      ops.add(new String[] {"+", b.get(j++)});
    }
  }

  private static String render(List<String[]> ops, int maxLines) {
    boolean[] shown = new boolean[ops.size()];
    for (int k = 0; k < ops.size(); k++) {
      if (!ops.get(k)[0].equals(" ")) {
        for (int c = Math.max(0, k - CONTEXT); c <= Math.min(ops.size() - 1, k + CONTEXT); c++) {
          shown[c] = true;
        }
      }
    }
    StringBuilder out = new StringBuilder();
    int lines = 0;
    int lineA = 1;
    int lineB = 1;
    boolean inHunk = false;
    for (int k = 0; k < ops.size(); k++) {
      String op = ops.get(k)[0];
      if (shown[k]) {
        if (!inHunk) {
          out.append("@@ expected line ").append(lineA).append(", actual line ").append(lineB).append(" @@\n");
          inHunk = true;
        }
        if (lines++ == maxLines) {
          out.append("... (the difference goes on)\n");
          return out.toString();
        }
        out.append(op).append(' ').append(ops.get(k)[1]).append('\n');
      } else {
        inHunk = false;
      }
      if (!op.equals("+")) {
        lineA++;
      }
      if (!op.equals("-")) {
        lineB++;
      }
    }
    return out.toString();
  }
}
