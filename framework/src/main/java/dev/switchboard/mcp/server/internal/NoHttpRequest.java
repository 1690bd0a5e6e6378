package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.server.HttpRequestInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The HTTP view of a call that did not come over HTTP (a test driving the server directly). */
enum NoHttpRequest implements HttpRequestInfo {
  INSTANCE;

  @Override
  public Optional<String> header(String name) {
    return Optional.empty();
  }

  @Override
  public List<String> headers(String name) {
    return List.of();
  }

  @Override
  public Set<String> headerNames() {
    return Set.of();
  }

  @Override
  public String remoteAddress() {
    return "";
  }
}
