package dev.switchboard.mcp.protocol.internal;

import java.util.List;
import java.util.Objects;

/**
 * A request body read by {@link JsonRpcCodec#decode}: one message, or the elements of a batch.
 * Batch elements that are not valid JSON-RPC are kept apart as error responses, since a batch is
 * answered element by element.
 *
 * @param batch whether the body was a JSON array
 * @param messages the valid messages, in order
 * @param rejected error responses for the invalid elements of a batch (always empty for a single message)
 */
public record DecodedBody(boolean batch, List<JsonRpcMessage> messages, List<JsonRpcResponse> rejected) {
  /** Copies the lists.  */
  public DecodedBody {
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    rejected = List.copyOf(Objects.requireNonNull(rejected, "rejected"));
  }
}
