package dev.switchboard.mcp.protocol.internal;

/**
 * Client-supplied text as the server repeats it: in error messages, which go back to the client, and
 * in log lines. Cut to a short prefix (a 3 MiB URI is not worth echoing), and with line breaks and
 * other control characters escaped so a client cannot forge log lines.
 */
public final class Texts {
  /** How much of a client's string an error message repeats. */
  public static final int ECHO_LIMIT = 120;

  private Texts() {}

  /**
   * Returns a client's string fit to repeat: at most {@link #ECHO_LIMIT} characters, control
   * characters escaped.
   *
   * @param text the client's text
   * @return the text to repeat
   */
  public static String echo(String text) {
    return clip(text, ECHO_LIMIT);
  }

  /**
   * Returns at most {@code limit} characters of a client's string (then {@code …}), control
   * characters escaped as {@code \\uXXXX}.
   *
   * @param text the client's text
   * @param limit the most characters kept
   * @return the text to repeat
   */
  public static String clip(String text, int limit) {
    boolean cut = text.length() > limit;
    String kept = cut ? text.substring(0, limit) : text;
    StringBuilder safe = null;
    for (int i = 0; i < kept.length(); i++) {
      char c = kept.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        if (safe == null) {
          safe = new StringBuilder(kept.length() + 16).append(kept, 0, i);
        }
        safe.append(String.format("\\u%04x", (int) c));
      } else if (safe != null) {
        safe.append(c);
      }
    }
    String result = safe == null ? kept : safe.toString();
    return cut ? result + "…" : result;
  }
}
