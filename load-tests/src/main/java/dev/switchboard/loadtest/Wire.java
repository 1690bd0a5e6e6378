package dev.switchboard.loadtest;

import dev.switchboard.mcp.protocol.ProtocolVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bytes of MCP requests over HTTP/1.1, in both eras (session revisions, and the stateless
 * 2026-07-28 with its headers and {@code _meta}), and the messages in a reply (a JSON body or an SSE
 * stream). Request bodies are built as strings: every value the harness sends is plain ASCII, but
 * for a {@code --protocol-version} given on the command line.
 */
final class Wire {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** The revision served without sessions, and the one the session measurements fall back to beside it. */
  static final String STATELESS_REVISION = ProtocolVersion.V2026_07_28.wireName();
  static final String SESSION_REVISION = ProtocolVersion.LATEST_WITH_SESSIONS.wireName();
  static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";
  static final String CONFIRM_ECHO = "confirm_echo";
  /**
   * Names the simulated client in the noisy-neighbour run, whose agents all connect from 127.0.0.1:
   * there, the server counts each client's share by this header instead of the remote address.
   */
  static final String CLIENT_HEADER = "X-Load-Client";
  private static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
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

  private Wire(InetSocketAddress address, String head) {
    this.address = address;
    this.head = head;
  }

  /** The same endpoint, every request naming {@code client} in {@link #CLIENT_HEADER}. */
  Wire asClient(String client) {
    return withHeader(CLIENT_HEADER, client);
  }

  /** The same endpoint, every request carrying {@code Authorization: Bearer token}. */
  Wire withBearer(String token) {
    return withHeader("Authorization", "Bearer " + token);
  }

  private Wire withHeader(String name, String value) {
    if (!isAscii(value) || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(name + " must be one line of ASCII");
    }
    return new Wire(address, head + name + ": " + value + "\r\n");
  }

  InetSocketAddress address() {
    return address;
  }

  byte[] post(String sessionId, String protocolVersion, String json) {
    StringBuilder request = postHead(json);
    sessionHeaders(request, sessionId, protocolVersion);
    return withBody(request, json);
  }

  /**
   * A request of the stateless revision: no session, the revision in a header as in the body's
   * {@code _meta}, and the method (and the tool's name, for {@code tools/call}) repeated in headers.
   *
   * @param name the {@code Mcp-Name} header, or null for a method that names nothing
   */
  byte[] postStateless(String protocolVersion, String method, String name, String json) {
    StringBuilder request = postHead(json).append("MCP-Protocol-Version: ").append(protocolVersion)
        .append("\r\nMcp-Method: ").append(method).append("\r\n");
    if (name != null) {
      request.append("Mcp-Name: ").append(name).append("\r\n");
    }
    return withBody(request, json);
  }

  private StringBuilder postHead(String json) {
    return new StringBuilder(320 + json.length()).append("POST").append(head)
        .append("Accept: application/json, text/event-stream\r\nContent-Type: application/json\r\n");
  }

  private static byte[] withBody(StringBuilder request, String json) {
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

  /** {@code tools/list}; {@code meta} as in {@link #toolCall}. */
  static String listTools(long id, String meta) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\""
        + (meta == null ? "" : ",\"params\":{\"_meta\":{" + meta + "}}") + "}";
  }

  /** {@code resources/subscribe}: the session hears of the resource's updates on its GET stream. */
  static String subscribe(long id, String uri) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"resources/subscribe\",\"params\":{\"uri\":\""
        + uri + "\"}}";
  }

  /** A call of {@code poke}, which announces an update of the ticker; {@code meta} as in {@link #toolCall}. */
  static String poke(long id, String meta) {
    return toolCall(id, InProcessServers.POKE, "{}", null, meta);
  }

  static String echo(long id, String text) {
    return toolCall(id, "echo", "{\"text\":\"" + text + "\"}", null, null);
  }

  static String echo(long id, String text, String meta) {
    return toolCall(id, "echo", "{\"text\":\"" + text + "\"}", null, meta);
  }

  /** A streaming call: its progress token is the call's token, joined to {@code meta} when there is one. */
  static String stream(long id, String token, int steps, String meta) {
    return toolCall(id, "stream", "{\"token\":\"" + token + "\",\"steps\":" + steps + "}", null,
        "\"progressToken\":\"" + token + "\"" + (meta == null ? "" : "," + meta));
  }

  static String large(long id, String token, int bytes, String meta) {
    return toolCall(id, "large", "{\"token\":\"" + token + "\",\"bytes\":" + bytes + "}", null, meta);
  }

  /**
   * A call of {@code confirm_echo}, the tool that asks before it answers; the retry repeats the first
   * call's name and arguments and adds the answer and the state the server sent.
   *
   * @param answer the {@code inputResponses} and {@code requestState} members of the retry, or null for the first call
   */
  static String confirmEcho(long id, String token, String text, String answer, String meta) {
    return toolCall(id, CONFIRM_ECHO, "{\"token\":\"" + token + "\",\"text\":\"" + text + "\"}", answer, meta);
  }

  /** The retry's members: an accepting answer to the one question {@code key}, and the server's state (JSON). */
  static String confirmation(String key, String requestStateJson) {
    return "\"inputResponses\":{" + JSON.writeValueAsString(key)
        + ":{\"action\":\"accept\",\"content\":{\"confirmed\":true}}},\"requestState\":" + requestStateJson;
  }

  /**
   * A {@code tools/call} body.
   *
   * @param extra more members of {@code params} (already JSON), or null
   * @param meta the members of {@code params._meta} (already JSON), or null for no {@code _meta}
   */
  private static String toolCall(long id, String name, String arguments, String extra, String meta) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + name
        + "\",\"arguments\":" + arguments + (extra == null ? "" : "," + extra)
        + (meta == null ? "" : ",\"_meta\":{" + meta + "}") + "}}";
  }

  /**
   * The {@code _meta} members every stateless request carries: the revision, the client's
   * capabilities (form elicitation, for the multi-round calls) and its name. Made once per run.
   */
  static String statelessMeta(String protocolVersion) {
    return "\"" + META_VERSION + "\":\"" + protocolVersion + "\",\"io.modelcontextprotocol/clientCapabilities\":"
        + "{\"elicitation\":{}},\"io.modelcontextprotocol/clientInfo\":{\"name\":\"load-driver\",\"version\":\"1\"}";
  }

  /** Whether a revision is served without sessions (2026-07-28); an unknown one is taken for a session revision. */
  static boolean isStateless(String protocolVersion) {
    return ProtocolVersion.fromWire(protocolVersion).map(ProtocolVersion::isStateless).orElse(false);
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
