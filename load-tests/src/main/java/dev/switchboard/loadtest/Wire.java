package dev.switchboard.loadtest;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bytes of MCP requests over HTTP/1.1, and the messages in a reply (a JSON body or an SSE
 * stream). Request bodies are built as strings: every value the harness sends is plain ASCII, but
 * for a {@code --protocol-version} given on the command line.
 */
final class Wire {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final InetSocketAddress address;
  private final String head;

  Wire(URI endpoint) {
    if (!"http".equals(endpoint.getScheme())) {
      throw new IllegalArgumentException("only http:// endpoints are supported, was " + endpoint);
    }
    int port = endpoint.getPort() < 0 ? 80 : endpoint.getPort();
    this.address = new InetSocketAddress(endpoint.getHost(), port);
    String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
    this.head = " " + path + " HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + port + "\r\n";
  }

  InetSocketAddress address() {
    return address;
  }

  byte[] post(String sessionId, String protocolVersion, String json) {
    StringBuilder request = new StringBuilder(256 + json.length()).append("POST").append(head)
        .append("Accept: application/json, text/event-stream\r\nContent-Type: application/json\r\n");
    sessionHeaders(request, sessionId, protocolVersion);
    if (isAscii(json)) {
      // the usual case: an ASCII body is the same bytes in ISO-8859-1 as in UTF-8, so encode all at once
      request.append("Content-Length: ").append(json.length()).append("\r\n\r\n").append(json);
      return request.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
    // --protocol-version is free text and goes into initialize: such a body is UTF-8, its headers are not
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    request.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    byte[] headers = request.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] bytes = new byte[headers.length + body.length];
    System.arraycopy(headers, 0, bytes, 0, headers.length);
    System.arraycopy(body, 0, bytes, headers.length, body.length);
    return bytes;
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  byte[] get(String sessionId, String protocolVersion) {
    StringBuilder request = new StringBuilder(256).append("GET").append(head).append("Accept: text/event-stream\r\n");
    sessionHeaders(request, sessionId, protocolVersion);
    return request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  byte[] delete(String sessionId, String protocolVersion) {
    StringBuilder request = new StringBuilder(256).append("DELETE").append(head);
    sessionHeaders(request, sessionId, protocolVersion);
    return request.append("Content-Length: 0\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void sessionHeaders(StringBuilder request, String sessionId, String protocolVersion) {
    if (sessionId != null) {
      request.append("Mcp-Session-Id: ").append(sessionId).append("\r\n");
    }
    if (protocolVersion != null) {
      request.append("MCP-Protocol-Version: ").append(protocolVersion).append("\r\n");
    }
  }

  static String initialize(long id, String protocolVersion) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
        + protocolVersion + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"switchboard-load-test\",\"version\":\"1\"}}}";
  }

  static String initialized() {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
  }

  static String ping(long id) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}";
  }

  static String listTools(long id) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}";
  }

  static String echo(long id, String text) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
        + "\"arguments\":{\"text\":\"" + text + "\"}}}";
  }

  static String stream(long id, String token, int steps) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"stream\","
        + "\"arguments\":{\"token\":\"" + token + "\",\"steps\":" + steps + "},\"_meta\":{\"progressToken\":\""
        + token + "\"}}}";
  }

  static String large(long id, String token, int bytes) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"large\","
        + "\"arguments\":{\"token\":\"" + token + "\",\"bytes\":" + bytes + "}}}";
  }

  /**
   * The JSON-RPC messages in a reply body, in order.
   *
   * @throws IllegalArgumentException when the body is neither JSON nor an SSE stream of JSON events
   */
  static List<JsonNode> messages(HttpEngine.Response response) {
    List<JsonNode> messages = new ArrayList<>(2);
    try {
      if (response.contentType().startsWith("text/event-stream")) {
        for (String data : sseData(response.text())) {
          messages.add(JSON.readTree(data));
        }
      } else {
        JsonNode node = JSON.readTree(response.body());
        if (node.isArray()) {
          node.forEach(messages::add);
        } else {
          messages.add(node);
        }
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unparseable reply body", e);
    }
    return messages;
  }

  /** The data of each SSE event that has any (priming events and comments carry none). */
  static List<String> sseData(String stream) {
    List<String> events = new ArrayList<>(2);
    StringBuilder data = new StringBuilder();
    int at = 0;
    int length = stream.length();
    while (at <= length) {
      int end = at;
      while (end < length && stream.charAt(end) != '\n' && stream.charAt(end) != '\r') {
        end++;
      }
      if (end == at) {
        if (data.length() > 0) {
          events.add(data.toString());
          data.setLength(0);
        }
      } else if (stream.startsWith("data:", at)) {
        if (data.length() > 0) {
          data.append('\n');
        }
        int from = at + 5 < end && stream.charAt(at + 5) == ' ' ? at + 6 : at + 5;
        data.append(stream, from, end);
      }
      // one line break: \r\n, \n or \r
      at = end < length && stream.charAt(end) == '\r' && end + 1 < length && stream.charAt(end + 1) == '\n'
          ? end + 2 : end + 1;
    }
    if (data.length() > 0) {
      events.add(data.toString());
    }
    return events;
  }
}
