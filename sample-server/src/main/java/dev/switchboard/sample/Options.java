package dev.switchboard.sample;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Command-line options of the sample server.
 *
 * @param host the address to bind
 * @param port the port; 0 picks a free one
 * @param sessionTtl how long an idle session lives
 * @param allowedOrigins browser origins allowed besides none; empty for the localhost default
 * @param jdbcUrl a database to serve instead of the seeded in-memory one, or null
 * @param jdbcUser the database user, or null
 * @param jdbcPassword the database password, or null
 * @param allowWrites whether to serve a database whose credentials can change data
 * @param queryTimeout how long a query may run
 * @param conformance whether to serve the conformance suite's fixture surface instead of the sample
 * @param allowedHosts the names clients reach the server under (the Host header); empty for the default
 * @param authIssuer the authorization server whose access tokens the server requires, or null for none
 * @param authAudience the audience tokens must name, or null for the endpoint URL
 * @param authScopes the scopes advertised: the first reads, the first two together place an order
 * @param allowUnauthenticated whether to listen beyond this machine without authorization
 * @param redisUrl the Redis of a fleet of instances sharing sessions and changes, or null to run alone
 * @param instanceId this instance's name in the fleet, or null for a random one
 * @param metricsPort the 127.0.0.1 port serving Prometheus metrics at /metrics, or -1 for none
 * @param help whether to print the usage and exit
 */
record Options(String host, int port, Duration sessionTtl, List<String> allowedOrigins, @Nullable String jdbcUrl,
    @Nullable String jdbcUser, @Nullable String jdbcPassword, boolean allowWrites, Duration queryTimeout,
    boolean conformance, List<String> allowedHosts, @Nullable URI authIssuer, @Nullable URI authAudience,
    List<String> authScopes, boolean allowUnauthenticated, @Nullable String redisUrl, @Nullable String instanceId,
    int metricsPort, boolean help) {
  /** The scopes advertised unless --auth-scopes says otherwise: reading, then ordering. */
  static final List<String> DEFAULT_SCOPES = List.of("shop:read", "shop:write");

  static final String USAGE = """
      usage: java -jar sample-server.jar [options]

      An MCP server over a SQL database: customers, products and orders in an in-memory H2
      database, or any database a JDBC URL names.

        --host H                address to listen on (default 127.0.0.1: this machine only); any
                                other address needs --auth-issuer or --allow-unauthenticated, or
                                the server refuses to start (exit status 2)
        --allowed-hosts H,H     host names clients reach the server under, checked against the
                                Host header against DNS rebinding (default: localhost names on a
                                loopback --host; otherwise the host of --auth-audience, or --host)
        --port P                port to listen on; 0 picks a free one (default 0)
        --session-ttl T         how long an idle session lives, like 30m, 90s or PT1H (default 30m)
        --allowed-origins O,O   browser origins allowed to call the server, like http://localhost:5173
                                (default: only localhost origins of the server's own port)
        --jdbc-url URL          serve this database instead of the seeded one; its driver must be
                                on the class path (java -cp sample-server.jar:driver.jar ...);
                                give it read-only credentials: queries use read-only connections
                                and roll back, but some databases commit DDL regardless. At start
                                the server checks whether the credentials can change data (H2: an
                                administrator, a schema owner, or a right to insert, update or
                                delete in a table, tried with statements that change no row;
                                others: JDBC's read-only flag and INFORMATION_SCHEMA's
                                TABLE_PRIVILEGES, which miss superusers and global grants) and
                                refuses to start (exit status 2) when they can or it cannot tell
        --jdbc-user U           the database user
        --jdbc-password P       the database password
        --allow-writes          serve a --jdbc-url database even though its credentials can change
                                data; the query tool is then not marked read-only
        --query-timeout T       how long a query may run before the database stops it, like 10s or
                                2m, in whole seconds (default 10s); results are also cut at 1000
                                rows, 10,000 characters a cell and 1 MiB of cells
        --conformance           serve the fixture surface of the official MCP conformance suite
        --auth-issuer URL       require OAuth 2.1 access tokens (signed JWTs) from this
                                authorization server (https, or http on a loopback address); its
                                keys are found from its metadata (RFC 8414, then OpenID Connect
                                discovery), and the server publishes metadata at
                                /.well-known/oauth-protected-resource/mcp that sends clients to it
        --auth-audience URI     the audience the tokens must name: the endpoint's URL as clients
                                reach it (default: the URL the server prints, http://HOST:PORT/mcp)
        --auth-scopes S,S       the scopes advertised (default shop:read,shop:write): the first is
                                needed to read (every tool but add_order, the resources, the
                                prompts, completions), the first and the second to place an order
                                (add_order); any more are only advertised
        --allow-unauthenticated listen on an address beyond this machine without --auth-issuer:
                                anyone who reaches the server may read the data and place orders
        --redis URL             run as one instance of a fleet behind a load balancer, sharing
                                sessions, change notifications and per-client limits through this
                                Redis, like redis://127.0.0.1:6379 (see the guide's "Running
                                several instances"); the server refuses to start if it is down
        --instance-id ID        this instance's name in the fleet, in logs (default: random)
        --metrics-port P        serve Prometheus metrics at http://127.0.0.1:P/metrics (0 picks a
                                free port; the banner names it); never on the MCP port
        --help                  print this help""";

  static Options parse(String[] args) {
    String host = "127.0.0.1";
    int port = 0;
    Duration ttl = Duration.ofMinutes(30);
    List<String> origins = new ArrayList<>();
    String jdbcUrl = null;
    String jdbcUser = null;
    String jdbcPassword = null;
    boolean allowWrites = false;
    Duration queryTimeout = Duration.ofSeconds(10);
    boolean conformance = false;
    List<String> allowedHosts = new ArrayList<>();
    URI authIssuer = null;
    URI authAudience = null;
    List<String> authScopes = null;
    boolean allowUnauthenticated = false;
    String redisUrl = null;
    String instanceId = null;
    int metricsPort = -1;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--host" -> host = value(args, ++i, "--host");
        case "--port" -> port = port(value(args, ++i, "--port"));
        case "--session-ttl" -> ttl = duration(value(args, ++i, "--session-ttl"), "--session-ttl");
        case "--allowed-origins" -> {
          for (String origin : value(args, ++i, "--allowed-origins").split(",")) {
            if (!origin.isBlank()) {
              origins.add(origin.trim());
            }
          }
        }
        case "--jdbc-url" -> jdbcUrl = value(args, ++i, "--jdbc-url");
        case "--jdbc-user" -> jdbcUser = value(args, ++i, "--jdbc-user");
        case "--jdbc-password" -> jdbcPassword = value(args, ++i, "--jdbc-password");
        case "--allow-writes" -> allowWrites = true;
        case "--query-timeout" -> queryTimeout = queryTimeout(value(args, ++i, "--query-timeout"));
        case "--conformance" -> conformance = true;
        case "--allowed-hosts" -> allowedHosts = list(value(args, ++i, "--allowed-hosts"));
        case "--auth-issuer" -> authIssuer = issuer(value(args, ++i, "--auth-issuer"));
        case "--auth-audience" -> authAudience = httpUri(value(args, ++i, "--auth-audience"), "--auth-audience");
        case "--auth-scopes" -> authScopes = scopes(value(args, ++i, "--auth-scopes"));
        case "--allow-unauthenticated" -> allowUnauthenticated = true;
        case "--redis" -> redisUrl = value(args, ++i, "--redis");
        case "--instance-id" -> instanceId = value(args, ++i, "--instance-id");
        case "--metrics-port" -> metricsPort = port(value(args, ++i, "--metrics-port"));
        case "--help", "-h" -> help = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (allowWrites && jdbcUrl == null) {
      throw new IllegalArgumentException("--allow-writes applies only with --jdbc-url: the seeded database is"
          + " always read through a user that may only read");
    }
    if (authIssuer == null && (authAudience != null || authScopes != null)) {
      throw new IllegalArgumentException((authAudience != null ? "--auth-audience" : "--auth-scopes")
          + " applies only with --auth-issuer");
    }
    if (instanceId != null && redisUrl == null) {
      throw new IllegalArgumentException("--instance-id applies only with --redis");
    }
    if (authIssuer != null && allowUnauthenticated) {
      throw new IllegalArgumentException("--allow-unauthenticated contradicts --auth-issuer: choose one");
    }
    if (authIssuer != null && conformance) {
      throw new IllegalArgumentException("--auth-issuer protects the shop, not the --conformance fixtures");
    }
    return new Options(host, port, ttl, List.copyOf(origins), jdbcUrl, jdbcUser, jdbcPassword, allowWrites,
        queryTimeout, conformance, List.copyOf(allowedHosts), authIssuer, authAudience,
        authScopes == null ? DEFAULT_SCOPES : authScopes, allowUnauthenticated, redisUrl, instanceId, metricsPort, help);
  }

  /** Whether the server would listen on this machine only. */
  boolean loopback() {
    return isLoopback(host);
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Whether a URL's host is localhost or a loopback address, decided without asking DNS. */
  private static boolean loopbackLiteral(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.equals("localhost")) {
      return true;
    }
    boolean literal = name.startsWith("[") || name.matches("[0-9.]+");
    return literal && isLoopback(name);
  }

  private static List<String> list(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return items;
  }

  private static List<String> scopes(String value) {
    List<String> scopes = list(value);
    for (String scope : scopes) {
      if (scope.contains(" ") || scope.contains("\"") || scope.contains("\\")) {
        throw new IllegalArgumentException("--auth-scopes takes scope names without spaces or quotes, was " + value);
      }
    }
    if (scopes.size() < 2 || scopes.get(0).equals(scopes.get(1))) {
      throw new IllegalArgumentException("--auth-scopes needs two different scopes at least, the one that reads"
          + " and the one that places orders, like shop:read,shop:write; was " + value);
    }
    return List.copyOf(scopes);
  }

  private static URI issuer(String value) {
    URI issuer = httpUri(value, "--auth-issuer");
    if (issuer.getScheme().equals("http") && !loopbackLiteral(issuer.getHost())) {
      throw new IllegalArgumentException("--auth-issuer must be an https URL (http only on a loopback address:"
          + " the server fetches the keys that sign tokens from it), was " + value);
    }
    if (issuer.getRawQuery() != null) {
      throw new IllegalArgumentException("--auth-issuer must be an issuer identifier, without a query; was " + value);
    }
    return issuer;
  }

  private static URI httpUri(String value, String option) {
    try {
      URI uri = new URI(value.trim());
      if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawFragment() != null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw new IllegalArgumentException(option + " must be an absolute http(s) URL without a fragment, like"
            + " https://example.com/mcp; was " + value);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(option + " must be a URL, was " + value, e);
    }
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("--port must be between 0 and 65535, was " + value);
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port must be a number, was " + value, e);
    }
  }

  private static Duration queryTimeout(String value) {
    Duration timeout = duration(value, "--query-timeout");
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("--query-timeout must be at least 1s (JDBC counts whole seconds), was "
          + value);
    }
    return timeout;
  }

  /** Parses 30m, 90s, 2h, 500ms, or an ISO-8601 duration such as PT30M, for an option. */
  static Duration duration(String value, String option) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    try {
      Duration duration;
      if (text.startsWith("p")) {
        duration = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
      } else if (text.endsWith("ms")) {
        duration = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      } else if (text.endsWith("s")) {
        duration = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
      } else if (text.endsWith("m")) {
        duration = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
      } else if (text.endsWith("h")) {
        duration = Duration.ofHours(Long.parseLong(text.substring(0, text.length() - 1)));
      } else {
        throw new IllegalArgumentException(option + " needs a unit (ms, s, m, h), like 30m; was " + value);
      }
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(option + " must be positive, was " + value);
      }
      return duration;
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(option + " must look like 30m, 90s or PT1H, was " + value, e);
    }
  }
}
