package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.protocol.internal.JsonRpcMessage;
import dev.switchboard.mcp.protocol.internal.JsonRpcResponse;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A POST answered as one {@code application/json} body: a response, or an array of them for a batch. */
final class JsonAnswers {
  private static final Logger LOG = LoggerFactory.getLogger(JsonAnswers.class);

  private JsonAnswers() {}

  /** The body of the answers collected (every one a response, which a JSON answer implies). */
  static byte[] body(JsonRpcCodec codec, List<JsonRpcMessage> collected, boolean batch) {
    List<JsonRpcResponse> answers = new ArrayList<>(collected.size());
    for (JsonRpcMessage message : collected) {
      answers.add((JsonRpcResponse) message);
    }
    return batch ? Encoding.encodeBatch(codec, answers) : Encoding.encode(codec, answers.get(0));
  }

  /** Writes the body with status 200, then completes the async response if there is one. */
  static void write(HttpServletResponse response, @Nullable AsyncContext async, byte[] json) {
    write(response, async, HttpServletResponse.SC_OK, json);
  }

  /** Writes the body with a status, then completes the async response if there is one. */
  static void write(HttpServletResponse response, @Nullable AsyncContext async, int status, byte[] json) {
    try {
      response.setStatus(status);
      response.setContentType("application/json");
      response.setContentLength(json.length);
      response.getOutputStream().write(json);
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not write a response: {}", e.toString());
    } finally {
      if (async != null) {
        try {
          async.complete();
        } catch (IllegalStateException e) {
          // the container completed it after a client disconnect
        }
      }
    }
  }
}
