package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.protocol.internal.JsonRpcError;
import dev.switchboard.mcp.protocol.internal.JsonRpcMessage;
import dev.switchboard.mcp.protocol.internal.JsonRpcResponse;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes outgoing messages so that a result Jackson cannot write becomes an internal-error response
 * for its request, instead of an exception on the handler's thread.
 */
final class Encoding {
  private static final Logger LOG = LoggerFactory.getLogger(Encoding.class);

  private Encoding() {}

  /** Returns the JSON of a notification or request; null when it cannot be written (logged). */
  static byte @Nullable [] encode(JsonRpcCodec codec, JsonRpcMessage message) {
    if (message instanceof JsonRpcResponse response) {
      return encode(codec, response);
    }
    try {
      return codec.encode(message);
    } catch (RuntimeException e) {
      LOG.error("cannot serialize a {}", message.getClass().getSimpleName(), e);
      return null;
    }
  }

  /** Returns the JSON of a response; one whose result cannot be written becomes an internal error. */
  static byte[] encode(JsonRpcCodec codec, JsonRpcResponse response) {
    try {
      return codec.encode(response);
    } catch (RuntimeException e) {
      LOG.error("cannot serialize the response to request {}", response.id(), e);
      return codec.encode(
          JsonRpcResponse.failure(response.id(), JsonRpcError.of(ErrorCodes.INTERNAL_ERROR, "Internal error")));
    }
  }

  /** Returns the JSON array answering a batch. */
  static byte[] encodeBatch(JsonRpcCodec codec, List<JsonRpcResponse> responses) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 * responses.size() + 2);
    out.write('[');
    for (int i = 0; i < responses.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(encode(codec, responses.get(i)));
    }
    out.write(']');
    return out.toByteArray();
  }
}
