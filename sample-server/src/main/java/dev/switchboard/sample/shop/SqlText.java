package dev.switchboard.sample.shop;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds the statements in a SQL text, so that the query tool can refuse more than one: a {@code ;}
 * outside string literals, quoted identifiers and comments ends a statement, and only one, at the
 * end, may follow the statement. Databases read quotes and comments differently, so a text is
 * scanned as each dialect that may apply would read it, and accepted only when every reading finds
 * one statement: a text that one reading would split is refused.
 */
final class SqlText {
  /** How a database reads a SQL text's quotes and comments. */
  enum Dialect {
    /**
     * The SQL standard: {@code '...'} strings and {@code "..."} identifiers (a doubled quote stands
     * for itself), {@code --} comments to the end of the line, and {@code /* ... *&#47;} comments.
     */
    STANDARD(false, false, Dollar.NONE, false, false, false, false, false, false, "\n\r"),
    /**
     * H2 2.x, as tried against H2 2.5: besides the standard, {@code //} comments, nested block
     * comments, {@code $$...$$} strings (not after a name, where {@code $} is part of the name) and
     * {@code `...`} identifiers.
     */
    H2(true, true, Dollar.UNTAGGED, false, false, false, false, true, false, "\n\r"),
    /**
     * H2 in MS SQL Server mode, which also quotes identifiers as {@code [...]} (ended by the first
     * {@code ]}) and lets names hold {@code #}.
     */
    H2_BRACKETS(true, true, Dollar.UNTAGGED, false, false, false, false, true, true, "\n\r"),
    /**
     * PostgreSQL: nested block comments, {@code $tag$...$tag$} strings, and {@code E'...'} strings
     * in which a backslash escapes the next character.
     */
    POSTGRESQL(false, true, Dollar.TAGGED, true, false, false, false, false, false, "\n\r"),
    /**
     * MySQL and MariaDB: a backslash escapes in {@code '...'} and {@code "..."} strings, {@code #}
     * comments, {@code --} starts a comment only before a space, {@code `...`} identifiers, and
     * {@code /*! ... *&#47;} holds SQL that runs.
     */
    MYSQL(false, false, Dollar.NONE, false, true, true, true, true, false, "\n"),
    /** Microsoft SQL Server: nested block comments and {@code [...]} identifiers. */
    SQLSERVER(false, true, Dollar.NONE, false, false, false, false, false, true, "\n\r");

    private final boolean slashSlashComments;
    private final boolean nestedComments;
    private final Dollar dollar;
    private final boolean escapeStrings;
    private final boolean backslashes;
    private final boolean mysqlComments;
    private final boolean executableComments;
    private final boolean backticks;
    private final boolean brackets;
    private final String lineEnds;

    Dialect(boolean slashSlashComments, boolean nestedComments, Dollar dollar, boolean escapeStrings,
        boolean backslashes, boolean mysqlComments, boolean executableComments, boolean backticks, boolean brackets,
        String lineEnds) {
      this.slashSlashComments = slashSlashComments;
      this.nestedComments = nestedComments;
      this.dollar = dollar;
      this.escapeStrings = escapeStrings;
      this.backslashes = backslashes;
      this.mysqlComments = mysqlComments;
      this.executableComments = executableComments;
      this.backticks = backticks;
      this.brackets = brackets;
      this.lineEnds = lineEnds;
    }
  }

  private enum Dollar { NONE, UNTAGGED, TAGGED }

  /** How H2 reads SQL, in any of its compatibility modes. */
  static final List<Dialect> H2 = List.of(Dialect.H2, Dialect.H2_BRACKETS);

  /** Any database: a text must be one statement however it is read. */
  static final List<Dialect> ANY = List.of(Dialect.values());

  private SqlText() {}

  /**
   * Returns the one statement a SQL text holds, without its trailing {@code ;}.
   *
   * @param sql the text
   * @param dialects every way the database may read it
   * @return the statement
   * @throws IllegalArgumentException when the text holds no statement, or more than one
   */
  static String single(String sql, List<Dialect> dialects) {
    int end = -2;
    boolean empty = false;
    for (Dialect dialect : dialects) {
      Scan scan = scan(sql, dialect);
      if (scan.dollarAfterName() >= 0) {
        throw new IllegalArgumentException("The SQL has a $ quote right after a name or a number, at character "
            + (scan.dollarAfterName() + 1) + " (like a$$ or 1$$), which databases read differently; put a space"
            + " before the quote.");
      }
      if (scan.next() >= 0) {
        throw new IllegalArgumentException("The query tool runs one statement at a time, but this SQL holds more"
            + " than one: the ';' at character " + (scan.semicolon() + 1) + " ends a statement and more follows."
            + " Send each statement in a call of its own.");
      }
      end = end == -2 || end == scan.semicolon() ? scan.semicolon() : -1;
      empty |= scan.empty();
    }
    if (empty) {
      throw new IllegalArgumentException("The SQL holds no statement.");
    }
    return end >= 0 ? sql.substring(0, end) : sql;
  }

  /**
   * Where a text's first statement ends, as one dialect reads it.
   *
   * @param semicolon the index of the first {@code ;} outside quotes and comments, or -1
   * @param next the index of the first character after it that is neither space nor comment, or -1
   * @param dollarAfterName the index of a dollar quote that follows a name or a number, which databases
   *     read differently, or -1
   * @param empty whether nothing but spaces and comments comes before the first {@code ;} or the end
   */
  record Scan(int semicolon, int next, int dollarAfterName, boolean empty) {
    /** Whether the text may hold more than one statement. */
    boolean many() {
      return next >= 0 || dollarAfterName >= 0;
    }
  }

  static Scan scan(String sql, Dialect dialect) {
    int semicolon = -1;
    boolean empty = true;
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
      boolean comment = false;
      int end;
      if (c == '\'') {
        end = quoted(sql, i, '\'', dialect.backslashes || dialect.escapeStrings && escapePrefix(sql, i), true);
      } else if (c == '"') {
        end = quoted(sql, i, '"', dialect.backslashes, true);
      } else if (c == '`' && dialect.backticks) {
        end = quoted(sql, i, '`', false, true);
      } else if (c == '[' && dialect.brackets) {
        end = quoted(sql, i, ']', false, dialect == Dialect.SQLSERVER);
      } else if (c == '-' && next == '-' && (!dialect.mysqlComments || i + 2 >= n || sql.charAt(i + 2) <= ' ')
          || c == '/' && next == '/' && dialect.slashSlashComments || c == '#' && dialect.mysqlComments) {
        comment = true;
        end = lineEnd(sql, i, dialect.lineEnds);
      } else if (c == '/' && next == '*') {
        if (dialect.executableComments && i + 2 < n && sql.charAt(i + 2) == '!') {
          end = i + 3; // MySQL runs what such a comment holds: read on as SQL
        } else {
          comment = true;
          end = blockEnd(sql, i, dialect.nestedComments);
        }
      } else if (c == '$' && dialect.dollar != Dollar.NONE && dollarTag(sql, i, dialect.dollar) != null) {
        if (i > 0 && (nameCharacter(sql.charAt(i - 1)) || dialect.brackets && sql.charAt(i - 1) == '#')) {
          // After a name, $ may belong to it (a$$ is a name in H2); after a number it starts a quote (1$$x$$
          // is 1 and 'x'); after a name that starts with digits, H2 reads a number and a name (0a$$). Rather
          // than guess, such text is refused.
          return new Scan(semicolon, -1, i, false);
        }
        end = dollarEnd(sql, i, dollarTag(sql, i, dialect.dollar));
      } else {
        end = i + 1;
      }
      if (!comment && !Character.isWhitespace(c)) {
        if (semicolon >= 0) {
          return new Scan(semicolon, i, -1, empty);
        }
        if (c == ';') {
          semicolon = i;
        } else {
          empty = false;
        }
      }
      i = end;
    }
    return new Scan(semicolon, -1, -1, empty);
  }

  /** The index after a quoted text that starts at {@code start}, where a doubled quote may stand for itself. */
  private static int quoted(String sql, int start, char close, boolean backslashes, boolean doubled) {
    int n = sql.length();
    for (int i = start + 1; i < n; i++) {
      char c = sql.charAt(i);
      if (backslashes && c == '\\') {
        i++;
      } else if (c == close) {
        if (doubled && i + 1 < n && sql.charAt(i + 1) == close) {
          i++;
        } else {
          return i + 1;
        }
      }
    }
    return n;
  }

  /** Whether the quote at {@code quote} opens a PostgreSQL {@code E'...'} string. */
  private static boolean escapePrefix(String sql, int quote) {
    return quote >= 1 && (sql.charAt(quote - 1) == 'E' || sql.charAt(quote - 1) == 'e')
        && (quote < 2 || !nameCharacter(sql.charAt(quote - 2)));
  }

  private static int lineEnd(String sql, int start, String lineEnds) {
    int n = sql.length();
    for (int i = start; i < n; i++) {
      if (lineEnds.indexOf(sql.charAt(i)) >= 0) {
        return i + 1;
      }
    }
    return n;
  }

  private static int blockEnd(String sql, int start, boolean nested) {
    int n = sql.length();
    int depth = 1;
    int i = start + 2;
    while (i < n) {
      if (sql.startsWith("*/", i)) {
        i += 2;
        if (--depth == 0) {
          return i;
        }
      } else if (nested && sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else {
        i++;
      }
    }
    return n;
  }

  private static boolean nameCharacter(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /** The tag of a dollar quote that starts at {@code start}, like "" for $$ or "x" for $x$; null when none starts. */
  private static @Nullable String dollarTag(String sql, int start, Dollar dollar) {
    int n = sql.length();
    int i = start + 1;
    if (dollar == Dollar.TAGGED && i < n && (Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_')) {
      while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
        i++;
      }
    }
    return i < n && sql.charAt(i) == '$' ? sql.substring(start + 1, i) : null;
  }

  private static int dollarEnd(String sql, int start, String tag) {
    String delimiter = "$" + tag + "$";
    int close = sql.indexOf(delimiter, start + delimiter.length());
    return close < 0 ? sql.length() : close + delimiter.length();
  }
}
