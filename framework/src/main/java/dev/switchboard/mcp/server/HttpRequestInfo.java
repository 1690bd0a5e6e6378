package dev.switchboard.mcp.server;

import dev.switchboard.mcp.session.Principal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP request that carried a call, read-only: its headers and the client's address, for servers
 * behind a gateway that passes a tenant, a trace or a user in headers. A copy taken when the request
 * arrived, so it stays valid for the whole call. Header names are case-insensitive.
 */
public interface HttpRequestInfo {
  /**
   * Returns a header's first value.
   *
   * @param name the header name, in any case
   * @return the value, or empty when the request has no such header
   */
  Optional<String> header(String name);

  /**
   * Returns every value of a header, in the order they arrived.
   *
   * @param name the header name, in any case
   * @return the values; empty when none
   */
  List<String> headers(String name);

  /**
   * Returns the names of the request's headers, in lower case.
   *
   * @return the names
   */
  Set<String> headerNames();

  /**
   * Returns the address of the client, or of the last proxy before this server.
   *
   * @return an IP address as text; empty when the call did not come over HTTP
   */
  String remoteAddress();

  /**
   * Returns who the request acts for, when the endpoint checks authorization.
   *
   * @return the principal of the request's verified token (or the one the embedding application
   *     handed over); empty when authorization is off
   */
  default Optional<Principal> principal() {
    return Optional.empty();
  }
}
