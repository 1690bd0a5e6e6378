package dev.switchboard.mcp.transport.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/** What verifiers read from tokens: the scopes of a {@code scope} value, and the digest a token is cached under. */
public final class Tokens {
  private Tokens() {}

  /**
   * Reads a {@code scope} value.
   *
   * @param text scope names separated by spaces
   * @return the names, in order, without repeats
   */
  public static Set<String> parse(String text) {
    Set<String> scopes = new LinkedHashSet<>();
    for (String name : text.split("\\s+", -1)) {
      if (!name.isEmpty()) {
        scopes.add(name);
      }
    }
    return scopes;
  }

  /**
   * Returns the SHA-256 of a token, the key verifiers cache it under, so that no cache holds a token.
   *
   * @param token the bearer token
   * @return the digest, base64
   */
  public static String digest(String token) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
