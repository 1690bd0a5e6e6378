package dev.switchboard.sample.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The query tool's statement splitter, on tricky text and against H2's own reading. */
class SqlTextTest {
  private static String h2(String sql) {
    return SqlText.single(sql, SqlText.H2);
  }

  private static String any(String sql) {
    return SqlText.single(sql, SqlText.ANY);
  }

  private static void refusedByBoth(String sql) {
    assertThrows(IllegalArgumentException.class, () -> h2(sql), sql);
    assertThrows(IllegalArgumentException.class, () -> any(sql), sql);
  }

  @Test
  void oneStatementPassesAndLosesItsTrailingSemicolon() {
    assertEquals("SELECT 1", h2("SELECT 1"));
    assertEquals("SELECT 1", h2("SELECT 1;"));
    assertEquals("SELECT 1 ", h2("SELECT 1 ; -- done\n  /* really */ "));
    assertEquals("SELECT 1", any("SELECT 1;\n"));
    assertEquals("SELECT ';' AS a", h2("SELECT ';' AS a;"));
  }

  @Test
  void semicolonsInsideQuotesAndCommentsDoNotSplit() {
    for (String sql : List.of(
        "SELECT 'a;b'",
        "SELECT 'it''s; fine'",
        "SELECT \"odd;name\" FROM t",
        "SELECT \"say \"\"hi\"\";\" FROM t",
        "SELECT 1 -- a comment; with a semicolon\n",
        "SELECT 1 /* a; comment */",
        "SELECT 1 /* it's */ , 2",
        "SELECT 1 -- it's\n, 2")) {
      assertEquals(sql, h2(sql), sql);
      assertEquals(sql, any(sql), sql);
    }
    // Only H2's reading: nested comments, $$ strings, // comments and `names`
    for (String sql : List.of(
        "SELECT 1 /* outer /* inner; */ still; a comment */",
        "SELECT $$a;b$$",
        "SELECT $$it's$$, 'x'",
        "SELECT 1 // a comment; too\n",
        "SELECT `a;b` FROM t")) {
      assertEquals(sql, h2(sql), sql);
    }
  }

  @Test
  void moreThanOneStatementIsRefused() {
    for (String sql : List.of(
        "SELECT 1; SELECT 2",
        "SELECT 1;;",
        "SELECT 'a'; DROP TABLE orders",
        "SELECT 'it''s'; DROP TABLE orders",
        "SELECT \"a\"\"\"; DROP TABLE orders",
        "SELECT 1 /* c */; CREATE ALIAS X FOR 'java.lang.System.exit'",
        "SELECT 1 -- c\n; DROP TABLE orders",
        "SELECT 1 /**/; DROP TABLE orders",
        "SELECT $$a$$; DROP TABLE orders")) {
      refusedByBoth(sql);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> h2("SELECT 1; DROP TABLE orders"));
    assertTrue(e.getMessage().contains("one statement at a time") && e.getMessage().contains("character 9"),
        e.getMessage());
  }

  @Test
  void textThatADatabaseReadsDifferentlyIsRefused() {
    // H2 ends a // comment at the line's end, so the quote inside hides nothing from it.
    refusedByBoth("SELECT 1 // it's\n; DROP TABLE orders");
    // H2 nests block comments: the first */ does not end this one, but a flat reading sees a ';'.
    assertEquals("SELECT 1 /* /* */; x */", h2("SELECT 1 /* /* */; x */"));
    assertThrows(IllegalArgumentException.class, () -> any("SELECT 1 /* /* */; x */"));
    // MySQL reads a backslash as an escape: 'a\' is not a whole string to it.
    assertThrows(IllegalArgumentException.class, () -> any("SELECT 'a\\'; DROP TABLE orders; -- '"));
    // A $ quote right after a name or a number is read differently by H2 (a$$ is a name, 1$$x$$ a number and
    // a string, 0a$$ a number and a name), so it is refused rather than guessed.
    for (String sql : List.of("SELECT a$$; DROP TABLE orders; $$", "SELECT 1$$ it's $$; DROP TABLE orders",
        "SELECT 0a$$;$")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h2(sql), sql);
      assertTrue(e.getMessage().contains("$ quote"), e.getMessage());
    }
    // Brackets quote names in H2's SQL Server mode, and end at the first ].
    refusedByBoth("SELECT [a]]; DROP TABLE orders; --]");
  }

  @Test
  void emptyTextIsRefused() {
    for (String sql : List.of("", "  ", ";", "-- nothing\n", "/* nothing */ ;")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h2(sql), sql);
      assertTrue(e.getMessage().contains("no statement"), e.getMessage());
    }
  }

  @Test
  void unterminatedQuotesAndCommentsAreLeftToTheDatabase() {
    // The database refuses these as a whole: nothing after the open quote or comment runs.
    assertEquals("SELECT 'open; DROP TABLE orders", h2("SELECT 'open; DROP TABLE orders"));
    assertEquals("SELECT 1 /* open; DROP TABLE orders", h2("SELECT 1 /* open; DROP TABLE orders"));
  }

  @Test
  void unterminatedTextRunsNothingInH2() throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:sqltext-" + System.nanoTime(), "sa", "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE log (x INT)");
      for (String sql : List.of("SELECT 'open; INSERT INTO log VALUES 1", "SELECT 1 /* open; INSERT INTO log VALUES 1",
          "SELECT $$open; INSERT INTO log VALUES 1")) {
        assertThrows(java.sql.SQLException.class, () -> statement.execute(h2(sql)), sql);
      }
      try (var rows = statement.executeQuery("SELECT COUNT(*) FROM log")) {
        rows.next();
        assertEquals(0, rows.getInt(1));
      }
    }
  }

  /**
   * Random text of quotes, comments, dollars and semicolons, read by the splitter and by H2's own
   * tokenizer (reached by reflection, as H2 does not export it): whenever H2 finds a second statement,
   * the splitter must refuse the text. When H2 changes, this test says so rather than passing.
   */
  @Test
  void neverAcceptsTextThatH2ReadsAsSeveralStatements() throws Exception {
    String[] fragments = {"'", "\"", "`", "[", "]", "$", "$$", "$a$", "--", "//", "/*", "*/", "#", ";", "\n", "\r",
        " ", "x", "E", "1", "\\", "-", "/", "*", "'it''s'", "a$", "N", "U&", "0x", "1e", "x1", "_", "$1", "1$$",
        "a$$", ";", "'", "-- x\n", "/* ' */", "$$'$$"};
    for (String mode : List.of("", ";MODE=MSSQLServer", ";MODE=MySQL", ";MODE=PostgreSQL")) {
      try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:fuzz-" + System.nanoTime() + mode, "sa",
          "")) {
        H2Tokens tokens = new H2Tokens(connection);
        Random random = new Random(42);
        int read = 0;
        for (int k = 0; k < 20_000; k++) {
          StringBuilder sql = new StringBuilder("SELECT ");
          int length = 1 + random.nextInt(14);
          for (int i = 0; i < length; i++) {
            sql.append(fragments[random.nextInt(fragments.length)]);
          }
          int split = tokens.secondStatement(sql.toString());
          if (split == -2) {
            continue; // H2 refuses the whole text
          }
          read++;
          if (split >= 0 && SqlText.H2.stream().noneMatch(d -> SqlText.scan(sql.toString(), d).many())) {
            fail("H2" + mode + " reads two statements in " + sql.toString().replace("\n", "\\n").replace("\r", "\\r"));
          }
        }
        assertTrue(read > 5_000, "most samples are text H2 can read: " + read);
      }
    }
  }

  /** H2's tokenizer, which its parser uses to split a text into statements. */
  private static final class H2Tokens {
    private final Object tokenizer;
    private final Method tokenize;
    private final Method tokenType;
    private final Method start;
    private final int semicolon;

    H2Tokens(Connection connection) throws Exception {
      Object session = connection.getClass().getMethod("getSession").invoke(connection);
      Class<?> type = Class.forName("org.h2.command.Tokenizer");
      Constructor<?> constructor = type.getDeclaredConstructors()[0];
      constructor.setAccessible(true);
      tokenizer = constructor.newInstance(session, true, false, null);
      tokenize = type.getDeclaredMethod("tokenize", String.class, boolean.class, BitSet.class);
      tokenize.setAccessible(true);
      Class<?> token = Class.forName("org.h2.command.Token");
      tokenType = token.getDeclaredMethod("tokenType");
      tokenType.setAccessible(true);
      start = token.getDeclaredMethod("start");
      start.setAccessible(true);
      Field field = token.getDeclaredField("SEMICOLON");
      field.setAccessible(true);
      semicolon = field.getInt(null);
    }

    /** The index of a ';' that ends a statement followed by more, -1 when none does, -2 when H2 cannot read it. */
    int secondStatement(String sql) throws Exception {
      List<?> tokens;
      try {
        tokens = (List<?>) tokenize.invoke(tokenizer, sql, false, new BitSet());
      } catch (InvocationTargetException e) {
        return -2;
      }
      for (int i = 0; i < tokens.size() - 1; i++) { // the last token ends the input
        if ((int) tokenType.invoke(tokens.get(i)) == semicolon) {
          return i + 2 < tokens.size() ? (int) start.invoke(tokens.get(i)) : -1;
        }
      }
      return -1;
    }
  }
}
