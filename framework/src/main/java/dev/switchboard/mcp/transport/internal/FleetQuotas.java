package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.session.internal.ClientQuotas;
import dev.switchboard.mcp.transport.internal.FleetLink.FleetUnavailableException;
import io.lettuce.core.ScriptOutputType;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Each client's sessions and GET streams counted over the fleet: a hash per client and kind, one field
 * per instance run. A run's count stops counting once it is no longer marked alive, so the counts of
 * an instance that died free themselves within 15 seconds. When Redis cannot be reached, only this
 * instance's count applies (and the failure is logged): a Redis outage must not lock clients out.
 */
final class FleetQuotas implements ClientQuotas.FleetCounts {
  // KEYS[1] the client's hash; ARGV: this run, the maximum, the alive-key prefix.
  private static final String TAKE = """
      local total = 0
      local fields = redis.call('HGETALL', KEYS[1])
      for i = 1, #fields, 2 do
        if fields[i] == ARGV[1] or redis.call('EXISTS', ARGV[3] .. fields[i]) == 1 then
          total = total + tonumber(fields[i + 1])
        else
          redis.call('HDEL', KEYS[1], fields[i])
        end
      end
      if total >= tonumber(ARGV[2]) then return 0 end
      redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
      redis.call('PEXPIRE', KEYS[1], 86400000)
      return 1
      """;
  private static final String GIVE = """
      if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
      return 0
      """;

  private static final String SET = "if ARGV[2] == '0' then redis.call('HDEL', KEYS[1], ARGV[1]) else "
      + "redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) redis.call('PEXPIRE', KEYS[1], 86400000) end return 0";
  private static final List<ClientQuotas.Kind> SHARED = List.of(ClientQuotas.Kind.SESSIONS, ClientQuotas.Kind.STREAMS);

  private final FleetLink link;
  // Per kind, the clients whose counts were last written, so that one that now holds none is cleared.
  private final Map<ClientQuotas.Kind, Set<String>> written = new EnumMap<>(ClientQuotas.Kind.class);

  FleetQuotas(FleetLink link) {
    this.link = link;
  }

  /**
   * Writes this run's counts as they are: a give that was lost (Redis was briefly away) or counts that
   * other instances dropped (this one looked dead) are right again within one round.
   */
  synchronized void rewrite(ClientQuotas quotas) {
    for (ClientQuotas.Kind kind : SHARED) {
      Map<String, Integer> held = quotas.holdings(kind);
      Set<String> clients = new HashSet<>(held.keySet());
      clients.addAll(written.getOrDefault(kind, Set.of()));
      for (String client : clients) {
        String count = Integer.toString(held.getOrDefault(client, 0));
        link.send("re-count a client's share over the fleet", redis -> redis.eval(SET, ScriptOutputType.INTEGER,
            new String[] {key(kind, client)}, link.incarnation(), count));
      }
      written.put(kind, held.keySet());
    }
  }

  private String key(ClientQuotas.Kind kind, String client) {
    return link.key("quota:" + kind.name().toLowerCase(Locale.ROOT) + ":" + client);
  }

  @Override
  public boolean tryTake(ClientQuotas.Kind kind, String client, int max) {
    try {
      Long taken = link.ask(redis -> redis.<Long>eval(TAKE, ScriptOutputType.INTEGER,
          new String[] {key(kind, client)}, link.incarnation(), Integer.toString(max), link.key("alive:")));
      return taken != null && taken == 1L;
    } catch (FleetUnavailableException e) {
      link.failed("count a client's share over the fleet", e.reason());
      return true;
    }
  }

  @Override
  public void give(ClientQuotas.Kind kind, String client) {
    link.send("give back a client's share over the fleet", redis -> redis.eval(GIVE, ScriptOutputType.INTEGER,
        new String[] {key(kind, client)}, link.incarnation()));
  }
}
