package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.protocol.CacheHint;
import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.ClientCapabilityException;
import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.internal.JsonRpcError;
import java.math.BigDecimal;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result shapes of 2026-07-28: every result says its {@code resultType} and names the server in
 * {@code _meta}; cacheable ones carry {@code ttlMs} and {@code cacheScope}. Results of earlier
 * revisions are sent as they are, byte for byte.
 */
final class ModernResults {
  static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";
  static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

  private final JsonMapper mapper;
  private final ObjectNode serverInfo;

  /**
   * @param mapper the protocol's mapper, which writes the result records
   */
  ModernResults(JsonMapper mapper, Implementation serverInfo) {
    this.mapper = mapper;
    this.serverInfo = mapper.valueToTree(serverInfo);
  }

  /**
   * A complete result.
   *
   * @param hint the cache hint, for the results that carry one; null for the others
   */
  Object complete(Object result, @Nullable CacheHint hint) {
    if (result instanceof Record && !(result instanceof CallToolResult call && call.meta() != null)) {
      return new Decorated(result, serverInfo, hint); // written in one pass, without a tree
    }
    ObjectNode tree = result instanceof ObjectNode node ? node : mapper.valueToTree(result);
    tree.put("resultType", "complete");
    meta(tree).set(SERVER_INFO, serverInfo);
    if (hint != null) {
      tree.put("ttlMs", hint.ttl().toMillis());
      tree.put("cacheScope", hint.scope().wireName());
    }
    return tree;
  }

  /** An {@code InputRequiredResult}: what the client must answer, and the state to send back with it. */
  ObjectNode inputRequired(Map<String, ObjectNode> requests, String requestState) {
    ObjectNode tree = mapper.createObjectNode();
    tree.put("resultType", "input_required");
    ObjectNode inputRequests = tree.putObject("inputRequests");
    requests.forEach(inputRequests::set);
    tree.put("requestState", requestState);
    meta(tree).set(SERVER_INFO, serverInfo);
    return tree;
  }

  /** Error -32021: the client did not declare a capability the request needed. */
  static JsonRpcError missingCapability(ClientCapabilityException e) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.set("requiredCapabilities", e.requiredCapabilities());
    return new JsonRpcError(ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY, String.valueOf(e.getMessage()), data);
  }

  /** A request id as JSON, for the {@code _meta} that names a subscription. */
  static JsonNode idNode(RequestId id) {
    Object value = id.value();
    if (value instanceof Long number) {
      return JsonNodeFactory.instance.numberNode(number);
    }
    if (value instanceof BigDecimal number) {
      return JsonNodeFactory.instance.numberNode(number);
    }
    return JsonNodeFactory.instance.stringNode(String.valueOf(value));
  }

  private ObjectNode meta(ObjectNode tree) {
    JsonNode meta = tree.get("_meta");
    return meta instanceof ObjectNode object ? object : tree.putObject("_meta");
  }
}
