package dev.switchboard.sample.shop;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hides the credentials a JDBC URL may carry, so that it can be printed. */
public final class JdbcUrls {
  private static final String HIDDEN = "***";

  /** {@code user:password@} or {@code user@} after {@code //}, as MySQL, MariaDB and others accept. */
  private static final Pattern AUTHORITY = Pattern.compile("//[^/?#;@\\s\"]+@");

  /** Oracle's {@code jdbc:oracle:thin:user/password@host}. */
  private static final Pattern ORACLE = Pattern.compile("(?i)(jdbc:oracle:[a-z0-9]+:)[^@\\s\"]+@");

  /**
   * A setting whose name is a user or a secret ({@code user=}, {@code PASSWORD=}, {@code sslpassword=},
   * {@code User ID=}, {@code accessToken=}...), as {@code ;}, {@code ?}, {@code &} or {@code :} separate
   * them; its value runs to the next {@code ;}, {@code &} or {@code "}, or is wrapped in braces.
   */
  private static final Pattern SETTING = Pattern.compile("(?i)(^|[;?&:,(\\s])((?:user|username|user_name|user\\s?id|uid"
      + "|login|[a-z0-9_.\\-]*(?:password|passwd|pwd|secret|token|credential|api_?key|access_?key|private_?key)"
      + "[a-z0-9_.\\-]*)\\s*=\\s*)(\\{[^}]*\\}|[^;&\"]*)");

  private JdbcUrls() {}

  /**
   * Returns a text, such as a JDBC URL or an error message quoting one, with its user names and
   * secrets replaced by {@code ***}.
   *
   * @param text the text
   * @return the text without credentials
   */
  public static String mask(String text) {
    String masked = ORACLE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + HIDDEN + "@"));
    masked = AUTHORITY.matcher(masked).replaceAll(Matcher.quoteReplacement("//" + HIDDEN + "@"));
    return SETTING.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + HIDDEN));
  }
}
