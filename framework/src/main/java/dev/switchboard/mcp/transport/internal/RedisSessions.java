package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.session.SessionEnd;
import dev.switchboard.mcp.session.internal.SessionMirror;
import dev.switchboard.mcp.session.internal.SessionState;
import dev.switchboard.mcp.session.internal.SessionStore;
import dev.switchboard.mcp.transport.RedisFleet;
import dev.switchboard.mcp.transport.internal.FleetLink.FleetUnavailableException;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sessions' durable facts in Redis: a hash per session (revision, client, capabilities, owner,
 * handshake done, log level, the instance that holds it) and a set of its subscriptions, both expiring
 * after the idle timeout unless the instance that holds the session renews them. Writes that change a
 * session go out without waiting (Lettuce keeps their order on the one connection); only the first
 * write of a new session and a take-over wait for Redis.
 */
final class RedisSessions implements SessionMirror {
  // Deletes a session's copy only if this instance holds it: one that expired here after another
  // instance took it over is that instance's now.
  private static final String DELETE_IF_HELD = "if redis.call('HGET', KEYS[1], 'node') == ARGV[1] then "
      + "return redis.call('DEL', KEYS[1], KEYS[2], KEYS[3]) else return 0 end";
  // Reads a copy and counts one more take-over of it, in one step: a copy that expires in between must
  // not come back as a hash holding only the count (and no expiry).
  private static final String RECALL = "local facts = redis.call('HGETALL', KEYS[1]) "
      + "if #facts == 0 then return {} end "
      + "local generation = redis.call('HINCRBY', KEYS[1], 'generation', 1) "
      + "return {facts, generation, redis.call('SMEMBERS', KEYS[2])}";
  // Writes a new session's copy with its expiry in one step: a write that lands after its caller gave up
  // waiting (and refused the session) still expires.
  private static final String WRITE_EXPIRING = "redis.call('HSET', KEYS[1], unpack(ARGV, 2)) "
      + "return redis.call('PEXPIRE', KEYS[1], ARGV[1])";
  // A copy that expired must not come back without its facts.
  private static final String UPDATE_IF_PRESENT =
      "if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], unpack(ARGV)) end return 0";
  private static final JsonMapper JSON = JsonMapper.shared();

  private final FleetLink link;
  private final long ttlMillis;

  RedisSessions(FleetLink link, Duration idleTimeout) {
    this.link = link;
    this.ttlMillis = idleTimeout.toMillis();
  }

  private String factsKey(String id) {
    return link.key("session:" + id);
  }

  private String subscriptionsKey(String id) {
    return link.key("session:" + id + ":subscriptions");
  }

  @Override
  public void opened(SessionState session) {
    Map<String, String> facts = new HashMap<>();
    facts.put("revision", session.protocolVersion().wireName());
    facts.put("name", session.clientInfo().name());
    facts.put("version", session.clientInfo().version());
    facts.put("capabilities", session.clientCapabilities().toJson().toString());
    facts.put("client", session.client());
    facts.put("node", link.incarnation());
    facts.put("initialized", "0");
    String owner = session.owner();
    if (owner != null) {
      facts.put("owner", owner);
    }
    String key = factsKey(session.id());
    String[] arguments = new String[facts.size() * 2 + 1];
    arguments[0] = Long.toString(ttlMillis);
    System.arraycopy(flatten(facts), 0, arguments, 1, facts.size() * 2);
    try {
      link.ask(redis -> redis.<Long>eval(WRITE_EXPIRING, ScriptOutputType.INTEGER, new String[] {key}, arguments));
    } catch (FleetUnavailableException e) {
      link.failed("share a new session", e.reason());
      if (link.config().whenUnavailable() == RedisFleet.WhenUnavailable.REFUSE_NEW_SESSIONS) {
        throw new UnavailableException("the fleet's shared store cannot be reached", e);
      }
    }
  }

  @Override
  public void changed(SessionState session) {
    Map<String, String> changed = new HashMap<>();
    changed.put("initialized", session.isInitialized() ? "1" : "0");
    session.logLevel().ifPresent(level -> changed.put("level", level.wireName()));
    String key = factsKey(session.id());
    // HSET only where the copy still exists: a copy that expired must not come back without its facts.
    link.send("share a session's change", redis -> redis.eval(UPDATE_IF_PRESENT, ScriptOutputType.INTEGER,
        new String[] {key}, flatten(changed)));
  }

  @Override
  public void subscriptionChanged(SessionState session, String uri, boolean subscribed) {
    String key = subscriptionsKey(session.id());
    link.send("share a subscription", redis -> subscribed ? redis.sadd(key, uri) : redis.srem(key, uri));
    link.send("share a subscription", redis -> redis.pexpire(key, ttlMillis));
  }

  @Override
  public @Nullable SessionFacts recall(String id) {
    try {
      List<Object> found = link.ask(redis -> redis.<List<Object>>eval(RECALL, ScriptOutputType.MULTI,
          factsKey(id), subscriptionsKey(id)));
      if (found == null || found.size() < 3) {
        return null;
      }
      return parse(id, pairs((List<?>) found.get(0)), new HashSet<>(strings((List<?>) found.get(2))),
          ((Number) found.get(1)).longValue());
    } catch (FleetUnavailableException e) {
      link.failed("read a session from the shared store", e.reason());
      return null;
    }
  }

  private static @Nullable SessionFacts parse(String id, Map<String, String> facts, Set<String> subscriptions,
      long generation) {
    String revision = facts.get("revision");
    ProtocolVersion version = revision == null ? null : ProtocolVersion.fromWire(revision).orElse(null);
    if (version == null) {
      return null;
    }
    String level = facts.get("level");
    return new SessionFacts(id, version,
        Implementation.of(facts.getOrDefault("name", "unknown"), facts.getOrDefault("version", "unknown")),
        ClientCapabilities.fromJson(JSON.readTree(facts.getOrDefault("capabilities", "{}"))),
        facts.getOrDefault("client", ""), facts.get("owner"), "1".equals(facts.get("initialized")),
        level == null ? null : LoggingLevel.fromWire(level).orElse(null), subscriptions, generation);
  }

  @Override
  public void adopted(SessionState session) {
    link.send("take a session over", redis -> redis.hset(factsKey(session.id()), "node", link.incarnation()));
    renew(session);
    FleetChanges.announceMove(link, session.id());
  }

  @Override
  public void ended(SessionState session, SessionEnd reason) {
    String[] keys = {factsKey(session.id()), subscriptionsKey(session.id()), RedisEvents.key(link, session.id())};
    switch (reason) {
      case DELETED -> link.send("delete a session from the shared store", redis -> redis.del(keys));
      case EXPIRED -> link.send("delete an expired session from the shared store",
          redis -> redis.eval(DELETE_IF_HELD, ScriptOutputType.INTEGER, keys, link.incarnation()));
      default -> { } // a shutdown: another instance may take the session over
    }
  }

  /** Keeps the copies of the sessions this instance holds from expiring while they are in use here. */
  void renewAll(SessionStore sessions) {
    sessions.forEach(this::renew);
  }

  private void renew(SessionState session) {
    link.send("renew a shared session", redis -> redis.pexpire(factsKey(session.id()), ttlMillis));
    link.send("renew a shared session", redis -> redis.pexpire(subscriptionsKey(session.id()), ttlMillis));
    link.send("renew a shared session", redis -> redis.pexpire(RedisEvents.key(link, session.id()), ttlMillis));
  }

  private static Map<String, String> pairs(List<?> flat) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      map.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
    }
    return map;
  }

  private static List<String> strings(List<?> values) {
    return values.stream().map(String::valueOf).toList();
  }

  private static String[] flatten(Map<String, String> fields) {
    String[] flat = new String[fields.size() * 2];
    int i = 0;
    for (Map.Entry<String, String> field : fields.entrySet()) {
      flat[i++] = field.getKey();
      flat[i++] = field.getValue();
    }
    return flat;
  }
}
