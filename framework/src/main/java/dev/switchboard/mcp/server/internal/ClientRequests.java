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
import dev.switchboard.mcp.server.InputRequests;
import dev.switchboard.mcp.server.ToolErrorException;
import dev.switchboard.mcp.session.internal.Caller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The typed questions a handler can put to the client: elicitation, sampling and roots. Each is
 * prepared as an {@link Ask}: the capability check first (a client that cannot answer is never
 * asked), then the request's method and parameters, and the reader of the answer. The call context
 * decides how it travels: on the request's stream (sessions) or in an {@code InputRequiredResult}
 * (2026-07-28).
 */
final class ClientRequests {
  /** A form's schema and the validator of what the client sends back, prepared once per type. */
  private record Form(ObjectNode schema, SchemaValidator validator) {}

  /**
   * One question, ready to send.
   *
   * @param method for example {@code elicitation/create}
   * @param params its parameters, or null
   * @param reader turns the client's result into the handler's answer; throws
   *     {@link ToolErrorException} for an answer of the wrong shape
   */
  record Ask(String method, @Nullable ObjectNode params, Function<JsonNode, Object> reader) {}

  private final JsonMapper mapper;
  private final Duration timeout;
  private final ClassValue<Form> forms;

  ClientRequests(JsonMapper mapper, JsonSchemaGenerator schemas, Duration timeout) {
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

  /** How long a handler waits for the client's answer on a session. */
  Duration timeout() {
    return timeout;
  }

  Ask question(Caller caller, InputRequests.Question question) {
    if (question instanceof InputRequests.Elicit elicit) {
      return elicit(caller, elicit.message(), elicit.form());
    } else if (question instanceof InputRequests.ElicitWithSchema form) {
      return elicitForm(caller, form.message(), form.requestedSchema());
    } else if (question instanceof InputRequests.Sample sample) {
      return createMessage(caller, sample.request());
    }
    return listRoots(caller);
  }

  Ask elicit(Caller caller, String message, Class<?> type) {
    Objects.requireNonNull(type, "form");
    Form form = forms.get(type);
    Ask ask = elicitForm(caller, message, form.schema());
    return new Ask(ask.method(), ask.params(), result -> {
      ElicitationResult<?> answer = (ElicitationResult<?>) ask.reader().apply(result);
      Object content = answer.content();
      if (!answer.accepted() || !(content instanceof ObjectNode object)) {
        return new ElicitationResult<>(answer.action(), null);
      }
      List<String> problems = form.validator().validate(object);
      if (!problems.isEmpty()) {
        throw new ToolErrorException("the client's answer does not fit the form: " + String.join("; ", problems));
      }
      try {
        return new ElicitationResult<>(ElicitAction.ACCEPT, mapper.treeToValue(form.validator().withDefaults(object), type));
      } catch (JacksonException e) {
        throw new ToolErrorException("the client's answer does not fit the form: " + e.getOriginalMessage(), e);
      }
    });
  }

  Ask elicitForm(Caller caller, String message, ObjectNode schema) {
    if (!caller.clientCapabilities().supportsFormElicitation()
        || !caller.protocolVersion().atLeast(ProtocolVersion.V2025_06_18)) {
      throw new ClientCapabilityException("The client does not support elicitation (form mode), so it cannot be asked",
          required("elicitation"));
    }
    ObjectNode params = mapper.createObjectNode();
    if (caller.protocolVersion().isStateless()) {
      params.put("mode", "form");
    }
    params.put("message", Objects.requireNonNull(message, "message"));
    params.set("requestedSchema", schema.deepCopy());
    return new Ask("elicitation/create", params, result -> answer(result, true));
  }

  Ask elicitUrl(Caller caller, UrlElicitation elicitation) {
    Objects.requireNonNull(elicitation, "elicitation");
    if (!caller.clientCapabilities().has("elicitation", "url")
        || !caller.protocolVersion().atLeast(ProtocolVersion.V2025_11_25)) {
      ObjectNode required = required("elicitation");
      ((ObjectNode) required.get("elicitation")).putObject("url");
      throw new ClientCapabilityException("The client does not support URL-mode elicitation", required);
    }
    ObjectNode params = mapper.createObjectNode();
    params.put("mode", "url");
    params.put("message", elicitation.message());
    params.put("url", elicitation.url());
    if (!caller.protocolVersion().isStateless()) { // 2026-07-28 dropped the id and its completion notice
      params.put("elicitationId", elicitation.elicitationId());
    }
    return new Ask("elicitation/create", params, result -> new ElicitationResult<Void>(answer(result, false).action(), null));
  }

  private static ElicitationResult<ObjectNode> answer(JsonNode result, boolean withContent) {
    String actionName = result.path("action").asString("");
    ElicitAction action = ElicitAction.fromWire(actionName).orElseThrow(
        () -> new ToolErrorException("the client answered an elicitation with an unknown action: '" + actionName + "'"));
    JsonNode content = result.get("content");
    return new ElicitationResult<>(action,
        withContent && action == ElicitAction.ACCEPT && content instanceof ObjectNode object ? object : null);
  }

  Ask createMessage(Caller caller, SamplingRequest request) {
    Objects.requireNonNull(request, "request");
    ClientCapabilities capabilities = caller.clientCapabilities();
    if (!capabilities.has("sampling")) {
      throw new ClientCapabilityException("The client does not support sampling, so its model cannot be asked",
          required("sampling"));
    }
    if (request.usesTools() && !capabilities.has("sampling", "tools")) {
      ObjectNode required = required("sampling");
      ((ObjectNode) required.get("sampling")).putObject("tools");
      throw new ClientCapabilityException("The client does not support tools in sampling requests", required);
    }
    return new Ask("sampling/createMessage", request.toParams(mapper), result -> {
      JsonNode content = result.get("content");
      if (content == null || !(content.isObject() || content.isArray())) {
        throw new ToolErrorException("the client's sampling result has no content");
      }
      Role role = "user".equals(result.path("role").asString("")) ? Role.USER : Role.ASSISTANT;
      String stopReason = result.hasNonNull("stopReason") ? result.get("stopReason").asString() : null;
      return new SamplingResult(role, content, result.path("model").asString("unknown"), stopReason);
    });
  }

  Ask listRoots(Caller caller) {
    if (!caller.clientCapabilities().has("roots")) {
      throw new ClientCapabilityException("The client does not support roots", required("roots"));
    }
    return new Ask("roots/list", null, result -> {
      JsonNode listed = result.get("roots");
      if (listed == null || !listed.isArray()) {
        throw new ToolErrorException("the client's roots result has no \"roots\" array");
      }
      List<Root> roots = new ArrayList<>();
      for (JsonNode root : listed) {
        String uri = root.path("uri").asString(null);
        if (uri != null) {
          roots.add(new Root(uri, root.hasNonNull("name") ? root.get("name").asString() : null));
        }
      }
      return List.copyOf(roots);
    });
  }

  private static ObjectNode required(String capability) {
    ObjectNode required = JsonNodeFactory.instance.objectNode();
    required.putObject(capability);
    return required;
  }
}
