package dev.switchboard.mcp.protocol.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

  private final String template;
  private final Pattern pattern;
  private final List<String> variables;

  private UriTemplate(String template, Pattern pattern, List<String> variables) {
    this.template = template;
    this.pattern = pattern;
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
    StringBuilder regex = new StringBuilder("^");
    List<String> names = new ArrayList<>();
    Matcher matcher = EXPRESSION.matcher(template);
    int last = 0;
    while (matcher.find()) {
      regex.append(literal(template.substring(last, matcher.start()), template));
      String name = matcher.group(2);
      if (names.contains(name)) {
        throw new IllegalArgumentException("URI template " + template + " names {" + name + "} twice");
      }
      names.add(name);
      regex.append(matcher.group(1).isEmpty() ? "([^/?#]+)" : "(.+?)");
      last = matcher.end();
    }
    regex.append(literal(template.substring(last), template)).append('$');
    return new UriTemplate(template, Pattern.compile(regex.toString()), List.copyOf(names));
  }

  private static String literal(String text, String template) {
    if (text.indexOf('{') >= 0 || text.indexOf('}') >= 0) {
      throw new IllegalArgumentException("URI template " + template
          + " has an expression this server does not support; use {name} or {+name}");
    }
    return Pattern.quote(text);
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
   * Matches a URI against the template.
   *
   * @param uri a concrete URI
   * @return the variables' values in template order, or empty when the URI does not match
   */
  public Optional<Map<String, String>> match(String uri) {
    Matcher matcher = pattern.matcher(Objects.requireNonNull(uri, "uri"));
    if (!matcher.matches()) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < variables.size(); i++) {
      String value = matcher.group(i + 1);
      values.put(variables.get(i), value.indexOf('%') >= 0 ? URLDecoder.decode(value.replace("+", "%2B"),
          StandardCharsets.UTF_8) : value);
    }
    return Optional.of(values);
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
