package dev.switchboard.mcp.protocol.internal;

import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.RequestId;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies into {@link JsonRpcMessage}s (one tree parse per body) and writes messages
 * as JSON. Its mapper is the protocol's own, fixed here, whatever mapper the application configures
 * for its values: the wire format of MCP cannot be changed by accident. Immutable and thread-safe.
 */
public final class JsonRpcCodec {
  private final JsonMapper mapper;

  private JsonRpcCodec(JsonMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Makes a codec.
   *
   * @return the codec
   */
  public static JsonRpcCodec create() {
    // A body within the byte limit can still be a million tiny values or a deep pile of arrays: both
    // are refused while parsing, before any tree is built for them.
    StreamReadConstraints limits = StreamReadConstraints.builder()
        .maxNestingDepth(MAX_DEPTH)
        .maxTokenCount(MAX_TOKENS)
        .maxNumberLength(MAX_NUMBER_LENGTH)
        .build();
    JsonFactory factory = JsonFactory.builder().streamReadConstraints(limits).build();
    return new JsonRpcCodec(JsonMapper.builder(factory).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
  }

  /** How deep a request's JSON may nest. */
  public static final int MAX_DEPTH = 64;
  /** How many JSON values (tokens) one request body may hold. */
  public static final int MAX_TOKENS = 200_000;
  /** How many digits a number may have. */
  public static final int MAX_NUMBER_LENGTH = 100;
  /** How many messages a batch (2025-03-26) may hold. */
  public static final int MAX_BATCH = 100;

  /**
   * Returns the protocol's mapper: how the protocol's own records are written.
   *
   * @return the immutable mapper
   */
  public JsonMapper mapper() {
    return mapper;
  }

  /**
   * Decodes a request body.
   *
   * @param body the raw bytes (UTF-8 JSON)
   * @return the messages it holds
   * @throws MalformedMessageException when the body is not JSON (-32700), is an empty batch, or is a
   *     single value that is not a JSON-RPC message (-32600)
   */
  public DecodedBody decode(byte[] body) {
    Objects.requireNonNull(body, "body");
    JsonNode tree;
    try {
      tree = mapper.readTree(body);
    } catch (StreamConstraintsException e) {
      throw new MalformedMessageException(null, ErrorCodes.INVALID_REQUEST, "Invalid Request: the body is over a limit"
          + " (nesting depth " + MAX_DEPTH + ", " + MAX_TOKENS + " values, numbers of " + MAX_NUMBER_LENGTH + " digits)");
    } catch (JacksonException e) {
      throw new MalformedMessageException(null, ErrorCodes.PARSE_ERROR, "Parse error: the body is not valid JSON");
    }
    if (tree == null || tree.isMissingNode()) {
      throw new MalformedMessageException(null, ErrorCodes.PARSE_ERROR, "Parse error: the body is empty");
    }
    if (!tree.isArray()) {
      return new DecodedBody(false, List.of(toMessage(tree)), List.of());
    }
    if (tree.isEmpty()) {
      throw new MalformedMessageException(null, ErrorCodes.INVALID_REQUEST, "Invalid Request: empty batch");
    }
    if (tree.size() > MAX_BATCH) {
      throw new MalformedMessageException(null, ErrorCodes.INVALID_REQUEST,
          "Invalid Request: a batch may hold " + MAX_BATCH + " messages, this one has " + tree.size());
    }
    List<JsonRpcMessage> messages = new ArrayList<>(tree.size());
    List<JsonRpcResponse> rejected = new ArrayList<>(0);
    for (JsonNode element : tree) {
      try {
        messages.add(toMessage(element));
      } catch (MalformedMessageException e) {
        rejected.add(e.response());
      }
    }
    return new DecodedBody(true, messages, rejected);
  }

  private static JsonRpcMessage toMessage(JsonNode node) {
    if (!node.isObject()) {
      throw invalid(null, "a JSON-RPC message must be an object");
    }
    JsonNode idNode = node.get("id");
    RequestId id = RequestId.fromJson(idNode);
    if (!"2.0".equals(textOrNull(node.get("jsonrpc")))) {
      throw invalid(id, "\"jsonrpc\" must be \"2.0\"");
    }
    JsonNode method = node.get("method");
    return method != null ? toRequest(node, method, idNode, id) : toResponse(node, id);
  }

  /** A message with a {@code method}: a notification when it has no id, else a request. */
  private static JsonRpcMessage toRequest(JsonNode node, JsonNode method, @Nullable JsonNode idNode,
      @Nullable RequestId id) {
    if (!method.isString() || method.stringValue().isEmpty()) {
      throw invalid(id, "\"method\" must be a non-empty string");
    }
    JsonNode params = node.get("params");
    if (params != null && !params.isObject() && !params.isArray()) {
      throw invalid(id, "\"params\" must be an object or an array");
    }
    if (idNode == null) {
      return new JsonRpcNotification(method.stringValue(), params);
    }
    if (id == null) {
      throw invalid(null, "\"id\" must be a string (of " + RequestId.MAX_LENGTH + " characters at most) or an integer");
    }
    return new JsonRpcRequest(id, method.stringValue(), params);
  }

  /** A message without a {@code method}: a response, with exactly one of result and error. */
  private static JsonRpcResponse toResponse(JsonNode node, @Nullable RequestId id) {
    boolean hasResult = node.has("result");
    boolean hasError = node.has("error");
    if (hasResult == hasError) {
      throw invalid(id, "a message needs \"method\", or exactly one of \"result\" and \"error\"");
    }
    if (hasResult) {
      if (id == null) {
        throw invalid(null, "a response needs a string or integer \"id\"");
      }
      return JsonRpcResponse.success(id, node.get("result"));
    }
    JsonNode error = node.get("error");
    if (!error.isObject() || !error.path("code").isIntegralNumber() || !error.path("code").canConvertToInt()
        || !error.path("message").isString()) {
      throw invalid(id, "\"error\" needs an integer \"code\" and a string \"message\"");
    }
    return JsonRpcResponse.failure(id,
        new JsonRpcError(error.get("code").intValue(), error.get("message").stringValue(), error.get("data")));
  }

  private static @Nullable String textOrNull(@Nullable JsonNode node) {
    return node != null && node.isString() ? node.stringValue() : null;
  }

  private static MalformedMessageException invalid(@Nullable RequestId id, String detail) {
    return new MalformedMessageException(id, ErrorCodes.INVALID_REQUEST, "Invalid Request: " + detail);
  }

  /**
   * Writes one message as JSON.
   *
   * @param message the message
   * @return UTF-8 JSON bytes
   */
  public byte[] encode(JsonRpcMessage message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    write(message, out);
    return out.toByteArray();
  }

  private void write(JsonRpcMessage message, OutputStream out) {
    try (JsonGenerator gen = mapper.createGenerator(out)) {
      writeMessage(gen, message);
    }
  }

  private void writeMessage(JsonGenerator gen, JsonRpcMessage message) {
    gen.writeStartObject();
    gen.writeStringProperty("jsonrpc", "2.0");
    if (message instanceof JsonRpcRequest request) {
      gen.writeName("id");
      gen.writePOJO(request.id().value());
      gen.writeStringProperty("method", request.method());
      writeParams(gen, request.params());
    } else if (message instanceof JsonRpcNotification notification) {
      gen.writeStringProperty("method", notification.method());
      writeParams(gen, notification.params());
    } else if (message instanceof JsonRpcResponse response) {
      RequestId id = response.id();
      if (id != null) {
        // An error whose request id could not be read carries no id (MCP 2025-11-25 schema).
        gen.writeName("id");
        gen.writePOJO(id.value());
      }
      JsonRpcError error = response.error();
      if (error == null) {
        gen.writeName("result");
        gen.writePOJO(response.result());
      } else {
        gen.writeName("error");
        gen.writeStartObject();
        gen.writeNumberProperty("code", error.code());
        gen.writeStringProperty("message", error.message());
        if (error.data() != null) {
          gen.writeName("data");
          gen.writeTree(error.data());
        }
        gen.writeEndObject();
      }
    }
    gen.writeEndObject();
  }

  private static void writeParams(JsonGenerator gen, @Nullable JsonNode params) {
    if (params != null) {
      gen.writeName("params");
      gen.writeTree(params);
    }
  }
}
