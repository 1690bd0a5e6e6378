package dev.switchboard.mcp.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import com.code_intelligence.jazzer.mutation.annotation.WithUtf8Length;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Fuzzes the 2026-07-28 header reading, {@link StatelessRequests#header}: any value is either read
 * (whitespace trimmed, only tab and visible ASCII) or refused with the checks' own exception, never
 * another; and {@code =?base64?...?=} with valid, padded Base64 gives back exactly the encoded UTF-8 text.
 */
class FuzzStatelessHeadersTest {
  private static final String NAME = "Mcp-Name";
  private static final String REFUSED = StatelessRequests.class.getName() + "$RefusedException";

  @FuzzTest(maxDuration = "4s")
  void readsOrRefuses(@NotNull @WithUtf8Length(max = 256) String raw,
      byte @NotNull @WithLength(max = 192) [] payload, @NotNull @WithUtf8Length(max = 4) String padding) {
    String value = read(raw);
    if (value != null) {
      String stripped = raw.strip();
      if (!(stripped.startsWith("=?base64?") && stripped.endsWith("?=") && stripped.length() >= 11)) {
        assertEquals(stripped, value);
        assertTrue(value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c <= 0x7e)), value);
      }
    }

    // Whitespace around an encoded word is trimmed; the rest decodes to the text exactly.
    String blank = padding.replaceAll("[^ \t]", " ");
    String encoded = blank + "=?base64?" + Base64.getEncoder().encodeToString(payload) + "?=" + blank;
    assertEquals(new String(payload, StandardCharsets.UTF_8), read(encoded), encoded);
  }

  /** The header's value, or null when refused; any other exception fails. */
  static @Nullable String read(String raw) {
    try {
      String value = StatelessRequests.header(request(raw), NAME);
      assertNotNull(value, "a present header is read as null");
      return value;
    } catch (Exception e) {
      assertEquals(REFUSED, e.getClass().getName(), () -> "refused with " + e);
      return null;
    }
  }

  /** A request that has one header, {@value #NAME}, and nothing else. */
  static HttpServletRequest request(@Nullable String value) {
    return (HttpServletRequest) Proxy.newProxyInstance(FuzzStatelessHeadersTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
          if (method.getName().equals("getHeader") && args.length == 1) {
            return NAME.equalsIgnoreCase((String) args[0]) ? value : null;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
