package dev.switchboard.sample;

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
 * @param help whether to print the usage and exit
 */
record Options(String host, int port, Duration sessionTtl, List<String> allowedOrigins, @Nullable String jdbcUrl,
    @Nullable String jdbcUser, @Nullable String jdbcPassword, boolean allowWrites, Duration queryTimeout,
    boolean conformance, boolean help) {
  static final String USAGE = """
      usage: java -jar sample-server.jar [options]

      An MCP server over a SQL database: customers, products and orders in an in-memory H2
      database, or any database a JDBC URL names.

        --host H                address to listen on (default 127.0.0.1: this machine only)
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
        case "--help", "-h" -> help = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (allowWrites && jdbcUrl == null) {
      throw new IllegalArgumentException("--allow-writes applies only with --jdbc-url: the seeded database is"
          + " always read through a user that may only read");
    }
    return new Options(host, port, ttl, List.copyOf(origins), jdbcUrl, jdbcUser, jdbcPassword, allowWrites,
        queryTimeout, conformance, help);
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
