package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.ClientCapabilityException;
import dev.switchboard.mcp.protocol.ElicitAction;
import dev.switchboard.mcp.protocol.ElicitationResult;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.Role;
import dev.switchboard.mcp.protocol.Root;
import dev.switchboard.mcp.protocol.SamplingRequest;
import dev.switchboard.mcp.protocol.SamplingResult;
import dev.switchboard.mcp.protocol.UrlElicitation;
import dev.switchboard.mcp.schema.internal.JsonSchemaGenerator;
import dev.switchboard.mcp.schema.internal.SchemaValidator;
import dev.switchboard.mcp.server.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The typed requests a handler can make of the client: elicitation, sampling and roots. Each one
 * checks the client's capabilities first, so a client that cannot answer is never asked.
 */
final class ClientRequests {
  /** A form's schema and the validator of what the client sends back, prepared once per type. */
  private record Form(ObjectNode schema, SchemaValidator validator) {}

  private final JsonMapper mapper;
  private final Duration timeout;
  private final ClassValue<Form> forms;

  ClientRequests(JsonMapper mapper, JsonSchemaGenerator schemas, Duration timeout, TimeSource time) {
    this.mapper = mapper;
    this.timeout = timeout;
    this.forms = new ClassValue<>() {
      @Override
      protected Form computeValue(Class<?> type) {
        ObjectNode schema = schemas.formSchema(type);
        return new Form(schema, SchemaValidator.of(schema));
      }
    };
  }

  <T> ElicitationResult<T> elicit(CallContext context, String message, Class<T> type)
      throws TimeoutException, InterruptedException {
    Objects.requireNonNull(type, "form");
    Form form = forms.get(type);
    ElicitationResult<ObjectNode> answer = elicitForm(context, message, form.schema());
    ObjectNode content = answer.content();
    if (!answer.accepted() || content == null) {
      return new ElicitationResult<>(answer.action(), null);
    }
    List<String> problems = form.validator().validate(content);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("the client's answer does not fit the form: " + String.join("; ", problems));
    }
    try {
      return new ElicitationResult<>(ElicitAction.ACCEPT, mapper.treeToValue(form.validator().withDefaults(content), type));
    } catch (JacksonException e) {
      throw new IllegalStateException("the client's answer does not fit the form: " + e.getOriginalMessage(), e);
    }
  }

  ElicitationResult<ObjectNode> elicitForm(CallContext context, String message, ObjectNode schema)
      throws TimeoutException, InterruptedException {
    if (!context.clientCapabilities().supportsFormElicitation()
        || !context.protocolVersion().atLeast(ProtocolVersion.V2025_06_18)) {
      throw new ClientCapabilityException("The client does not support elicitation (form mode), so it cannot be asked");
    }
    ObjectNode params = mapper.createObjectNode();
    params.put("message", Objects.requireNonNull(message, "message"));
    params.set("requestedSchema", schema.deepCopy());
    return answer(context.sendRequest("elicitation/create", params, timeout), true);
  }

  ElicitationResult<Void> elicitUrl(CallContext context, UrlElicitation elicitation)
      throws TimeoutException, InterruptedException {
    Objects.requireNonNull(elicitation, "elicitation");
    if (!context.clientCapabilities().has("elicitation", "url")
        || !context.protocolVersion().atLeast(ProtocolVersion.V2025_11_25)) {
      throw new ClientCapabilityException("The client does not support URL-mode elicitation");
    }
    ObjectNode params = mapper.createObjectNode();
    params.put("mode", "url");
    params.put("message", elicitation.message());
    params.put("url", elicitation.url());
    params.put("elicitationId", elicitation.elicitationId());
    ElicitationResult<ObjectNode> answer = answer(context.sendRequest("elicitation/create", params, timeout), false);
    return new ElicitationResult<>(answer.action(), null);
  }

  private static ElicitationResult<ObjectNode> answer(JsonNode result, boolean withContent) {
    String actionName = result.path("action").asString("");
    ElicitAction action = ElicitAction.fromWire(actionName).orElseThrow(
        () -> new IllegalStateException("the client answered an elicitation with an unknown action: " + actionName));
    JsonNode content = result.get("content");
    return new ElicitationResult<>(action,
        withContent && action == ElicitAction.ACCEPT && content instanceof ObjectNode object ? object : null);
  }

  SamplingResult createMessage(CallContext context, SamplingRequest request)
      throws TimeoutException, InterruptedException {
    Objects.requireNonNull(request, "request");
    ClientCapabilities capabilities = context.clientCapabilities();
    if (!capabilities.has("sampling")) {
      throw new ClientCapabilityException("The client does not support sampling, so its model cannot be asked");
    }
    if (request.usesTools() && !capabilities.has("sampling", "tools")) {
      throw new ClientCapabilityException("The client does not support tools in sampling requests");
    }
    JsonNode result = context.sendRequest("sampling/createMessage", request.toParams(mapper), timeout);
    JsonNode content = result.get("content");
    if (content == null) {
      throw new IllegalStateException("the client's sampling result has no content");
    }
    Role role = "user".equals(result.path("role").asString("")) ? Role.USER : Role.ASSISTANT;
    String stopReason = result.hasNonNull("stopReason") ? result.get("stopReason").asString() : null;
    return new SamplingResult(role, content, result.path("model").asString("unknown"), stopReason);
  }

  List<Root> listRoots(CallContext context) throws TimeoutException, InterruptedException {
    if (!context.clientCapabilities().has("roots")) {
      throw new ClientCapabilityException("The client does not support roots");
    }
    JsonNode result = context.sendRequest("roots/list", null, timeout);
    List<Root> roots = new ArrayList<>();
    for (JsonNode root : result.path("roots")) {
      String uri = root.path("uri").asString(null);
      if (uri != null) {
        roots.add(new Root(uri, root.hasNonNull("name") ? root.get("name").asString() : null));
      }
    }
    return roots;
  }
}
