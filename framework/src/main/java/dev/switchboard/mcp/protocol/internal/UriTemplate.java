package dev.switchboard.mcp.protocol.internal;

import dev.switchboard.mcp.protocol.McpException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 6570 URI template of the forms resource templates use: simple expansion {@code {name}}
 * (one path segment, percent-decoded when matched) and reserved expansion {@code {+name}} (any
 * characters, slashes included). Matching a URI yields the variables' values.
 */
public final class UriTemplate {
  private static final Pattern EXPRESSION = Pattern.compile("\\{([+]?)([A-Za-z0-9_]+)}");

  /** A piece of a template: literal text, or a variable (reserved: any characters; simple: no {@code /?#}). */
  private record Part(String literal, String variable, boolean reserved) {
    boolean isLiteral() {
      return variable.isEmpty();
    }
  }

  private final String template;
  private final List<Part> parts;
  private final List<String> variables;

  private UriTemplate(String template, List<Part> parts, List<String> variables) {
    this.template = template;
    this.parts = parts;
    this.variables = variables;
  }

  /**
   * Parses a template.
   *
   * @param template for example {@code db://tables/{name}} or {@code file:///{+path}}
   * @return the template
   * @throws IllegalArgumentException for operators other than {@code +}, repeated names, or stray braces
   */
  public static UriTemplate parse(String template) {
    Objects.requireNonNull(template, "template");
    List<Part> parts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Matcher matcher = EXPRESSION.matcher(template);
    int last = 0;
    while (matcher.find()) {
      addLiteral(parts, template.substring(last, matcher.start()), template);
      String name = matcher.group(2);
      if (names.contains(name)) {
        throw new IllegalArgumentException("URI template " + template + " names {" + name + "} twice");
      }
      names.add(name);
      parts.add(new Part("", name, !matcher.group(1).isEmpty()));
      last = matcher.end();
    }
    addLiteral(parts, template.substring(last), template);
    return new UriTemplate(template, List.copyOf(parts), List.copyOf(names));
  }

  private static void addLiteral(List<Part> parts, String text, String template) {
    if (text.indexOf('{') >= 0 || text.indexOf('}') >= 0) {
      throw new IllegalArgumentException("URI template " + template
          + " has an expression this server does not support; use {name} or {+name}");
    }
    if (!text.isEmpty()) {
      parts.add(new Part(text, "", false));
    }
  }

  /**
   * Returns whether a string contains a template expression.
   *
   * @param uri a URI or template
   * @return true when it has braces
   */
  public static boolean isTemplate(String uri) {
    return uri.indexOf('{') >= 0;
  }

  /**
   * Matches a URI against the template, in time linear in the URI's length whatever the template (a
   * regular expression with two {@code {+x}} parts backtracks: a long hostile URI would take minutes).
   * Where several splits fit, a reserved variable takes the shortest value and a simple one the
   * longest, left to right.
   *
   * @param uri a concrete URI
   * @return the variables' values in template order, percent-decoded, or empty when the URI does not match
   * @throws McpException -32602 when a value's percent-encoding is invalid
   */
  public Optional<Map<String, String>> match(String uri) {
    Objects.requireNonNull(uri, "uri");
    int n = uri.length();
    // fits[i]: the positions from which parts i.. match the rest of the URI exactly.
    BitSet[] fits = new BitSet[parts.size() + 1];
    fits[parts.size()] = new BitSet(n + 1);
    fits[parts.size()].set(n);
    for (int i = parts.size() - 1; i >= 0; i--) {
      fits[i] = before(parts.get(i), fits[i + 1], uri);
      if (fits[i].isEmpty()) {
        return Optional.empty();
      }
    }
    if (!fits[0].get(0)) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    int at = 0;
    for (int i = 0; i < parts.size(); i++) {
      Part part = parts.get(i);
      if (part.isLiteral()) {
        at += part.literal().length();
        continue;
      }
      int end = part.reserved() ? fits[i + 1].nextSetBit(at + 1) : fits[i + 1].previousSetBit(stop(uri, at));
      values.put(part.variable(), decode(uri.substring(at, end)));
      at = end;
    }
    return Optional.of(values);
  }

  /** The positions from which {@code part} and then the rest match, given where the rest matches. */
  private static BitSet before(Part part, BitSet after, String uri) {
    BitSet fits = new BitSet(uri.length() + 1);
    if (part.isLiteral()) {
      String literal = part.literal();
      for (int end = after.nextSetBit(literal.length()); end >= 0; end = after.nextSetBit(end + 1)) {
        int start = end - literal.length();
        if (uri.startsWith(literal, start)) {
          fits.set(start);
        }
      }
    } else if (part.reserved()) {
      int last = after.previousSetBit(uri.length());
      if (last > 0) {
        fits.set(0, last); // one character or more, of any kind
      }
    } else {
      // A simple value ending before `end` may start anywhere after the last /?# before `end`.
      int runStart = 0;
      int scanned = 0;
      for (int end = after.nextSetBit(1); end >= 0; end = after.nextSetBit(end + 1)) {
        for (; scanned < end; scanned++) {
          if (isStop(uri.charAt(scanned))) {
            runStart = scanned + 1;
          }
        }
        if (runStart < end) {
          fits.set(runStart, end);
        }
      }
    }
    return fits;
  }

  /** The end of the longest simple value starting at {@code from}: the next /?#, or the end. */
  private static int stop(String uri, int from) {
    int at = from;
    while (at < uri.length() && !isStop(uri.charAt(at))) {
      at++;
    }
    return at;
  }

  private static boolean isStop(char c) {
    return c == '/' || c == '?' || c == '#';
  }

  private static String decode(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    try {
      return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw McpException.invalidParams("The URI has an invalid percent-encoding");
    }
  }

  /**
   * Returns the names of the template's variables, in order.
   *
   * @return the names
   */
  public List<String> variables() {
    return variables;
  }

  @Override
  public String toString() {
    return template;
  }
}
