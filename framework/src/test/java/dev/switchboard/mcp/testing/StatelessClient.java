package dev.switchboard.mcp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A raw client of the stateless revision (2026-07-28): every request carries its {@code _meta} and
 * the standard headers, which a test can override or drop. It checks nothing itself.
 */
public final class StatelessClient {
  public static final String VERSION = "2026-07-28";
  private static final JsonMapper JSON = McpClient.JSON;
  /** Reads responses refusing duplicate keys, which a result written in one pass could otherwise hide. */
  private static final JsonMapper STRICT = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final HttpClient http;
  private final URI uri;
  private String capabilities = "{\"sampling\":{},\"elicitation\":{},\"roots\":{}}";

  public StatelessClient(URI uri) {
    this.uri = uri;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Declares other client capabilities on the requests that follow. */
  public StatelessClient capabilities(String json) {
    this.capabilities = json;
    return this;
  }

  /** The standard {@code _meta} of a request. */
  public ObjectNode meta() {
    ObjectNode meta = JSON.createObjectNode();
    meta.put("io.modelcontextprotocol/protocolVersion", VERSION);
    meta.set("io.modelcontextprotocol/clientCapabilities", JSON.readTree(capabilities));
    meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "stateless-test").put("version", "1.0");
    return meta;
  }

  /** A request body: the params given (a JSON object text), with the standard {@code _meta} added. */
  public String body(Object id, String method, String paramsJson) {
    ObjectNode params = (ObjectNode) JSON.readTree(paramsJson);
    if (!params.has("_meta")) {
      params.set("_meta", meta());
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("jsonrpc", "2.0");
    if (id instanceof Number number) {
      body.put("id", number.longValue());
    } else {
      body.put("id", String.valueOf(id));
    }
    body.put("method", method);
    body.set("params", params);
    return JSON.writeValueAsString(body);
  }

  /** The standard headers of a request: the revision, the method and, where the method has one, the name. */
  public static Map<String, String> headers(String body) {
    JsonNode tree = JSON.readTree(body);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("MCP-Protocol-Version", VERSION);
    String method = tree.path("method").asString("");
    headers.put("Mcp-Method", method);
    JsonNode params = tree.path("params");
    switch (method) {
      case "tools/call", "prompts/get" -> headers.put("Mcp-Name", params.path("name").asString(""));
      case "resources/read" -> headers.put("Mcp-Name", params.path("uri").asString(""));
      default -> { }
    }
    return headers;
  }

  /** Sends a body with the standard headers, changed by {@code overrides} (a null value drops a header). */
  public HttpResponse<String> send(String body, Map<String, String> overrides) throws IOException, InterruptedException {
    return http.send(request(body, overrides), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> send(String body) throws IOException, InterruptedException {
    return send(body, Map.of());
  }

  /** Sends a request and reads the response as it arrives. */
  public HttpResponse<InputStream> stream(String body) throws IOException, InterruptedException {
    return http.send(request(body, Map.of()), HttpResponse.BodyHandlers.ofInputStream());
  }

  /** Sends {@code method} with {@code paramsJson} and returns the JSON-RPC message it got (JSON or last SSE event). */
  public JsonNode request(Object id, String method, String paramsJson) throws IOException, InterruptedException {
    return strictLast(send(body(id, method, paramsJson)));
  }

  private static JsonNode strictLast(HttpResponse<String> response) {
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (type.startsWith("text/event-stream")) {
      List<SseEvents.Event> events = SseEvents.parse(response.body());
      return STRICT.readTree(events.get(events.size() - 1).data());
    }
    return STRICT.readTree(response.body());
  }

  /** Calls a tool; {@code extraParams} (a JSON object text, may be "{}") joins name and arguments. */
  public JsonNode call(Object id, String tool, String argumentsJson, String extraParams)
      throws IOException, InterruptedException {
    ObjectNode params = (ObjectNode) JSON.readTree(extraParams);
    params.put("name", tool);
    params.set("arguments", JSON.readTree(argumentsJson));
    return request(id, "tools/call", JSON.writeValueAsString(params));
  }

  private HttpRequest request(String body, Map<String, String> overrides) {
    Map<String, String> headers = headers(body);
    overrides.forEach((name, value) -> {
      headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
      if (value != null) {
        headers.put(name, value);
      }
    });
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .header("Accept", McpClient.ACCEPT)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(builder::header);
    return builder.build();
  }
}
