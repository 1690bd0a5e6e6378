package dev.switchboard.mcp.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithUtf8Length;
import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.internal.UriTemplate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes {@link UriTemplate}: {@code parse} refuses a template only with IllegalArgumentException;
 * {@code match} answers any URI with the template's variables or with nothing (or refuses a value's
 * invalid percent-encoding with McpException -32602, as documented), in well under two seconds; and a
 * URI made by expanding the template matches it (when the split is unambiguous, see
 * {@link #unambiguousExpansion}), giving a single variable's value back exactly.
 */
class FuzzUriTemplateTest {
  private static final Pattern EXPRESSION = Pattern.compile("\\{[+]?([A-Za-z0-9_]+)}");
  private static final long SLOW_NANOS = 2_000_000_000L;

  static Stream<Arguments> templates() {
    return Stream.of(
        Arguments.of("file:///{+path}", "file:///docs/read%20me.txt"),
        Arguments.of("db://tables/{name}", "db://tables/users"),
        Arguments.of("mem://{bucket}/{+key}", "mem://b/k/e/y?v=1#top"),
        Arguments.of("{+a}-{b}.{c}", "x/y-z.w"),
        Arguments.of("weather://{city}/today", "weather://S%C3%A3o%20Paulo/today"));
  }

  @MethodSource("templates")
  @FuzzTest(maxDuration = "4s")
  void parsesAndMatches(@NotNull @WithUtf8Length(max = 64) String template,
      @NotNull @WithUtf8Length(max = 512) String uri) {
    UriTemplate parsed;
    try {
      parsed = UriTemplate.parse(template);
    } catch (IllegalArgumentException e) {
      return;
    }
    assertEquals(template, parsed.toString());
    timedMatch(parsed, uri).ifPresent(values -> assertEquals(parsed.variables(), List.copyOf(values.keySet())));

    if (!parsed.variables().isEmpty() && unambiguousExpansion(template)) {
      String value = uri.isEmpty() ? "x" : uri;
      String expanded = expand(template, value);
      Optional<Map<String, String>> back = timedMatch(parsed, expanded);
      assertTrue(back.isPresent(), () -> template + " does not match its own expansion " + expanded);
      if (parsed.variables().size() == 1) {
        assertEquals(new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
            back.get().get(parsed.variables().get(0)), () -> "the value of " + expanded);
      }
    }
  }

  /** Matches, allowing only the documented refusal of a value that is not valid percent-encoding. */
  private static Optional<Map<String, String>> timedMatch(UriTemplate template, String uri) {
    long start = System.nanoTime();
    Optional<Map<String, String>> match;
    try {
      match = template.match(uri);
    } catch (McpException e) {
      assertEquals(ErrorCodes.INVALID_PARAMS, e.code(), e.getMessage());
      match = Optional.empty();
    }
    long took = System.nanoTime() - start;
    if (took > SLOW_NANOS) {
      fail(template + " took " + took / 1_000_000 + " ms to match a URI of " + uri.length() + " characters");
    }
    return match;
  }

  /**
   * Whether every split of an expansion falls between whole characters of the encoded values: no two
   * expressions side by side, and no literal between two of them that could fall inside a {@code %XX}.
   * (Where several splits fit, the template picks one; {@code {+a}{b}} may well give {@code a} a lone
   * {@code %}, which is then refused as invalid percent-encoding.)
   */
  static boolean unambiguousExpansion(String template) {
    Matcher matcher = EXPRESSION.matcher(template);
    int end = -1;
    while (matcher.find()) {
      if (end >= 0) {
        String between = template.substring(end, matcher.start());
        if (between.isEmpty() || between.chars().anyMatch(c -> c == '%' || (c >= '0' && c <= '9')
            || (c >= 'A' && c <= 'F'))) {
          return false;
        }
      }
      end = matcher.end();
    }
    return true;
  }

  /** Every expression replaced by the value, percent-encoded (UTF-8) except for unreserved characters. */
  static String expand(String template, String value) {
    String encoded = encode(value);
    Matcher matcher = EXPRESSION.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(encoded));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
