package dev.switchboard.mcp.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The line diff of failure messages. */
class TextDiffTest {
  @Test
  void showsChangedLinesWithContextAndLineNumbers() {
    String expected = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
    String actual = "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\nk\n";
    assertEquals(String.join("\n", "@@ expected line 2, actual line 2 @@", "  b", "  c", "  d", "- e", "+ E", "  f",
        "  g", "  h", "  i", "  j", "+ k", "  ", ""), TextDiff.diff(expected, actual, 100));
  }

  @Test
  void distantChangesAreSeparateHunks() {
    String diff = TextDiff.diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12", "0\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n13", 100);
    assertEquals(2, diff.lines().filter(line -> line.startsWith("@@")).count(), diff);
    assertTrue(diff.contains("@@ expected line 9, actual line 9 @@"), diff);
  }

  @Test
  void aLongDifferenceIsCut() {
    String diff = TextDiff.diff("x\n".repeat(50), "y\n".repeat(50), 10);
    assertTrue(diff.endsWith("... (the difference goes on)\n"), diff);
    assertEquals(12, diff.lines().count());
  }
}
