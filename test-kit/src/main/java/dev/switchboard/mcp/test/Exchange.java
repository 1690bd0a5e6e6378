package dev.switchboard.mcp.test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * One HTTP exchange with the server, as it went over the wire: the request, and the response's
 * status, headers and body (for a {@code text/event-stream}, the events too). The kit keeps every
 * exchange a client makes, for assertions and for failure messages. Immutable.
 *
 * @param method the HTTP method
 * @param uri the request URI
 * @param requestHeaders the request headers the client set (not those the HTTP client adds itself)
 * @param requestBody the request body; empty for GET and DELETE
 * @param status the response status, or 0 when no response arrived
 * @param responseHeaders the response headers, names in lower case
 * @param responseBody the response body as received (an event stream as its raw text); cut after 8 MiB
 * @param events the events of an event stream, in order; empty for any other response
 * @param elapsed from sending the request to the end of the response
 * @param note what else happened (a time-out, a closed connection, a cancellation), or empty
 */
public record Exchange(String method, URI uri, Map<String, List<String>> requestHeaders, String requestBody,
    int status, Map<String, List<String>> responseHeaders, String responseBody, List<Event> events,
    Duration elapsed, String note) {

  /** How much of each body {@link #toString()} shows. */
  private static final int SHOWN = 4_000;

  /**
   * One server-sent event.
   *
   * @param id its {@code id:} field, or empty
   * @param event its {@code event:} field, or empty
   * @param data its {@code data:} lines, joined with a newline; empty for an event without data
   */
  public record Event(String id, String event, String data) {
    /**
     * Checks the fields.
     *
     * @param id the id
     * @param event the event type
     * @param data the data
     */
    public Event {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(data, "data");
    }

    /**
     * Whether the event carries a message: a priming event (an id and no data) does not.
     *
     * @return true when the data is not empty
     */
    public boolean hasData() {
      return !data.isEmpty();
    }
  }

  /**
   * Copies the collections, so the exchange stays as it was.
   *
   * @param method the HTTP method
   * @param uri the URI
   * @param requestHeaders the request headers
   * @param requestBody the request body
   * @param status the status
   * @param responseHeaders the response headers
   * @param responseBody the response body
   * @param events the events
   * @param elapsed the time taken
   * @param note a note, or empty
   */
  public Exchange {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    requestHeaders = copy(requestHeaders);
    Objects.requireNonNull(requestBody, "requestBody");
    responseHeaders = copy(responseHeaders);
    Objects.requireNonNull(responseBody, "responseBody");
    events = List.copyOf(events);
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(note, "note");
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    return Collections.unmodifiableMap(copy);
  }

  /**
   * The first value of a response header.
   *
   * @param name the header's name, in any case
   * @return its first value, if the response had it
   */
  public Optional<String> header(String name) {
    List<String> values = responseHeaders.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The first value of a request header.
   *
   * @param name the header's name, in any case
   * @return its first value, if the request had it
   */
  public Optional<String> requestHeader(String name) {
    List<String> values = requestHeaders.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Whether the response was an event stream.
   *
   * @return true for {@code text/event-stream}
   */
  public boolean isEventStream() {
    return header("content-type").map(type -> type.toLowerCase(Locale.ROOT).startsWith("text/event-stream"))
        .orElse(false);
  }

  /**
   * The JSON-RPC messages the response carried: the body of a JSON response, or the data of each
   * event of a stream (priming events left out). A body that is not JSON gives none.
   *
   * @return the messages, in order
   */
  public List<JsonNode> messages() {
    List<JsonNode> messages = new ArrayList<>();
    if (isEventStream()) {
      for (Event event : events) {
        if (event.hasData()) {
          parse(event.data(), messages);
        }
      }
    } else if (!responseBody.isBlank()) {
      parse(responseBody, messages);
    }
    return List.copyOf(messages);
  }

  private static void parse(String text, List<JsonNode> into) {
    try {
      into.add(Json.parse(text));
    } catch (IllegalArgumentException e) {
      // not JSON: not a message
    }
  }

  /**
   * The exchange as text, as failure messages show it: {@code >} lines went to the server, {@code <}
   * lines came back; long bodies are cut.
   *
   * @return a readable, multi-line description
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append(method).append(' ').append(uri).append('\n');
    requestHeaders.forEach((name, values) -> values.forEach(value ->
        out.append("> ").append(name).append(": ").append(value).append('\n')));
    if (!requestBody.isEmpty()) {
      out.append("> ").append(cut(requestBody, SHOWN)).append('\n');
    }
    if (status == 0) {
      out.append("< (no response)");
    } else {
      out.append("< ").append(status);
      header("content-type").ifPresent(type -> out.append(" (").append(type).append(')'));
      header("mcp-session-id").ifPresent(id -> out.append(" Mcp-Session-Id: ").append(id));
    }
    out.append(" after ").append(elapsed.toMillis()).append(" ms");
    if (!note.isEmpty()) {
      out.append("; ").append(note);
    }
    out.append('\n');
    if (isEventStream()) {
      int shown = 0;
      for (Event event : events) {
        if (shown++ == 40) {
          out.append("< ... ").append(events.size() - 40).append(" more events\n");
          break;
        }
        out.append("< event");
        if (!event.id().isEmpty()) {
          out.append(" id=").append(event.id());
        }
        out.append(": ").append(event.hasData() ? cut(event.data(), SHOWN) : "(no data)").append('\n');
      }
    } else if (!responseBody.isEmpty()) {
      out.append("< ").append(cut(responseBody, SHOWN)).append('\n');
    }
    return out.toString();
  }

  static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "... (" + (text.length() - max) + " more characters)";
  }

  /**
   * Several exchanges as text, for a failure message.
   *
   * @param exchanges the exchanges
   * @return each one's text, numbered
   */
  static String describe(List<Exchange> exchanges) {
    if (exchanges.isEmpty()) {
      return "(no exchanges)\n";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < exchanges.size(); i++) {
      out.append("--- exchange ").append(i + 1).append(" of ").append(exchanges.size()).append(" ---\n")
          .append(exchanges.get(i));
    }
    return out.toString();
  }
}
