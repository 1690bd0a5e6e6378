package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.protocol.CacheHint;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.databind.util.NameTransformer;

/**
 * A complete 2026-07-28 result, written in one pass: the result's own properties, then
 * {@code resultType}, the {@code _meta} that names the server and, for cacheable results, the cache
 * hint. Only for results whose serializer can write its properties unwrapped and that carry no
 * {@code _meta} of their own (see {@link ModernResults#complete}).
 *
 * @param result the result record
 * @param serverInfo the server's {@code Implementation} as JSON
 * @param hint the cache hint, or null for a result without one
 */
@JsonSerialize(using = Decorated.Writer.class)
record Decorated(Object result, ObjectNode serverInfo, @Nullable CacheHint hint) {

  /** Writes a decorated result. */
  static final class Writer extends StdSerializer<Decorated> {
    // The unwrapping serializer of each result type, made once: making one per call costs more than
    // it saves.
    private final Map<Class<?>, ValueSerializer<Object>> unwrapped = new ConcurrentHashMap<>();

    Writer() {
      super(Decorated.class);
    }

    @Override
    public void serialize(Decorated value, JsonGenerator gen, SerializationContext context) throws JacksonException {
      ValueSerializer<Object> properties = unwrapped.computeIfAbsent(value.result().getClass(),
          type -> context.findValueSerializer(type).unwrappingSerializer(NameTransformer.NOP));
      gen.writeStartObject();
      properties.serialize(value.result(), gen, context);
      gen.writeStringProperty("resultType", "complete");
      gen.writeName("_meta");
      gen.writeStartObject();
      gen.writeName(ModernResults.SERVER_INFO);
      context.writeValue(gen, value.serverInfo());
      gen.writeEndObject();
      CacheHint hint = value.hint();
      if (hint != null) {
        gen.writeNumberProperty("ttlMs", hint.ttl().toMillis());
        gen.writeStringProperty("cacheScope", hint.scope().wireName());
      }
      gen.writeEndObject();
    }
  }
}
