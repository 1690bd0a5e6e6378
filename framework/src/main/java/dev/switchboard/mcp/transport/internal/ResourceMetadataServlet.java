package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.transport.Authorization;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.net.URI;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves an endpoint's OAuth 2.0 Protected Resource Metadata (RFC 9728): its resource URI, its
 * authorization servers, the scopes it advertises, and that tokens go in the header only. Public and
 * cacheable: it holds nothing secret.
 */
public final class ResourceMetadataServlet extends HttpServlet {
  @Serial private static final long serialVersionUID = 1L;

  private final transient byte[] document;

  /**
   * Creates the servlet.
   *
   * @param authorization what the document says
   */
  public ResourceMetadataServlet(Authorization authorization) {
    ObjectNode json = JsonMapper.shared().createObjectNode();
    json.put("resource", authorization.resource().toString());
    ArrayNode servers = json.putArray("authorization_servers");
    for (URI server : authorization.authorizationServers()) {
      servers.add(server.toString());
    }
    if (!authorization.scopesSupported().isEmpty()) {
      ArrayNode scopes = json.putArray("scopes_supported");
      authorization.scopesSupported().forEach(scopes::add);
    }
    json.putArray("bearer_methods_supported").add("header");
    this.document = JsonMapper.shared().writeValueAsBytes(json);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "public, max-age=3600");
    response.setHeader("Access-Control-Allow-Origin", "*"); // browser-based clients read it too
    response.setContentLength(document.length);
    response.getOutputStream().write(document);
  }
}
