package dev.switchboard.mcp.testing;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal raw MCP client over java.net.http, for tests that need many concurrent sessions or that
 * read SSE streams as they arrive. It follows the wire exactly and checks nothing itself.
 */
public final class McpClient {
  public static final JsonMapper JSON = JsonMapper.shared();
  public static final String ACCEPT = "application/json, text/event-stream";

  private final HttpClient http;
  private final URI uri;

  public McpClient(URI uri) {
    this(uri, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
  }

  public McpClient(URI uri, HttpClient http) {
    this.uri = uri;
    this.http = http;
  }

  public URI uri() {
    return uri;
  }

  /** A REST Assured request to the endpoint with the Accept header MCP requires and a JSON body: how POST tests start. */
  public static RequestSpecification spec(URI uri) {
    return given().baseUri(uri.toString()).header("Accept", ACCEPT).contentType("application/json");
  }

  public static String initializeBody(String version) {
    return initializeBody(version, "{\"sampling\":{}}");
  }

  public static String initializeBody(String version, String capabilitiesJson) {
    return "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + version
        + "\",\"capabilities\":" + capabilitiesJson + ",\"clientInfo\":{\"name\":\"test-client\",\"version\":\"1.0\"}}}";
  }

  /** Initializes a session, sends notifications/initialized, and returns the session id. */
  public String openSession(String version) throws IOException, InterruptedException {
    return openSession(version, "{\"sampling\":{}}");
  }

  /** Initializes a session declaring the given client capabilities. */
  public String openSession(String version, String capabilitiesJson) throws IOException, InterruptedException {
    HttpResponse<String> response = post(null, initializeBody(version, capabilitiesJson));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("initialize failed: " + response.statusCode() + " " + response.body());
    }
    String id = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
    HttpResponse<String> initialized = post(id, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    if (initialized.statusCode() != 202) {
      throw new IllegalStateException("notifications/initialized got " + initialized.statusCode());
    }
    return id;
  }

  public String openSession() throws IOException, InterruptedException {
    return openSession("2025-11-25");
  }

  public HttpResponse<String> post(String sessionId, String body) throws IOException, InterruptedException {
    return http.send(postRequest(sessionId, body), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Posts on another thread (CompletableFuture's default async executor), for a call that must stay in
   * flight while the test goes on; an I/O failure completes the future with an IllegalStateException.
   */
  public CompletableFuture<HttpResponse<String>> postAsync(String sessionId, String body) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return post(sessionId, body);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  public HttpResponse<InputStream> postStreaming(String sessionId, String body)
      throws IOException, InterruptedException {
    return http.send(postRequest(sessionId, body), HttpResponse.BodyHandlers.ofInputStream());
  }

  private HttpRequest postRequest(String sessionId, String body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .header("Accept", ACCEPT)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (sessionId != null) {
      builder.header("Mcp-Session-Id", sessionId);
    }
    return builder.build();
  }

  /** Opens the session's GET stream. */
  public SseEvents listen(String sessionId) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .header("Accept", "text/event-stream")
        .header("Mcp-Session-Id", sessionId)
        .GET()
        .build();
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET got " + response.statusCode());
    }
    return new SseEvents(response);
  }

  /** Resumes a stream: GET with Last-Event-ID; returns the raw response (the caller checks its status). */
  public HttpResponse<InputStream> resume(String sessionId, String lastEventId) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .header("Accept", "text/event-stream")
        .header("Mcp-Session-Id", sessionId)
        .header("Last-Event-ID", lastEventId)
        .GET()
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  public int delete(String sessionId) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).header("Mcp-Session-Id", sessionId).DELETE().build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** A tools/call request body. */
  public static String callBody(Object id, String tool, String argumentsJson) {
    String idJson = id instanceof String s ? "\"" + s + "\"" : String.valueOf(id);
    return "{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
        + "\",\"arguments\":" + argumentsJson + "}}";
  }

  /** Calls a tool and returns the parsed JSON-RPC response (JSON or the last SSE event). */
  public JsonNode call(String sessionId, Object id, String tool, String argumentsJson)
      throws IOException, InterruptedException {
    HttpResponse<String> response = post(sessionId, callBody(id, tool, argumentsJson));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("tools/call got " + response.statusCode() + ": " + response.body());
    }
    return lastMessage(response);
  }

  /** The JSON-RPC message of a JSON response, or the last event of an SSE response. */
  public static JsonNode lastMessage(HttpResponse<String> response) {
    Optional<String> type = response.headers().firstValue("Content-Type");
    if (type.isPresent() && type.get().startsWith("text/event-stream")) {
      var events = SseEvents.parse(response.body());
      return JSON.readTree(events.get(events.size() - 1).data());
    }
    return JSON.readTree(response.body());
  }
}
