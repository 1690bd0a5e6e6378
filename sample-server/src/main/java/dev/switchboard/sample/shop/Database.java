package dev.switchboard.sample.shop;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the sample's data lives: the seeded in-memory H2 database, or any database a JDBC URL names.
 * Reads go through connections that cannot write: for the seeded database, a user that was only
 * granted SELECT; elsewhere, read-only connections whose transaction is always rolled back (which
 * does not stop every write: see {@link #writeAccess()}).
 */
public final class Database {
  /** Work done with a connection. */
  @FunctionalInterface
  public interface Work<T> {
    /**
     * Does the work.
     *
     * @param connection the connection
     * @return the result
     * @throws SQLException when the database refuses
     */
    T run(Connection connection) throws SQLException;
  }

  private final String url;
  private final String readerUrl;
  private final @Nullable String user;
  private final @Nullable String password;
  private final @Nullable String readerUser;
  private final @Nullable String readerPassword;
  private final String description;

  private Database(String url, String readerUrl, @Nullable String user, @Nullable String password,
      @Nullable String readerUser, @Nullable String readerPassword, String description) {
    this.url = url;
    this.readerUrl = readerUrl;
    this.user = user;
    this.password = password;
    this.readerUser = readerUser;
    this.readerPassword = readerPassword;
    this.description = description;
  }

  /**
   * Creates an in-memory H2 database, seeded with customers, products and orders, with a reader user
   * that may only SELECT, where no statement runs longer than the default query timeout.
   *
   * @return the database
   * @throws SQLException when H2 fails
   */
  public static Database seeded() throws SQLException {
    return seeded(ShopTools.Limits.DEFAULTS.queryTimeout());
  }

  /**
   * Creates an in-memory H2 database, seeded with customers, products and orders, with a reader user
   * that may only SELECT.
   *
   * <p>H2 bounds what a query may cost: {@code MAX_QUERY_TIMEOUT} stops any statement after
   * {@code maxQueryTime}, even one run without a timeout (such as the metadata queries behind
   * list_tables), and the reader's sessions run queries lazily ({@code LAZY_QUERY_EXECUTION}), so a
   * plain SELECT computes its rows as they are read, and a reader that stops early (at the tools' row,
   * cell and result caps) leaves the rest uncomputed. {@code MAX_MEMORY_ROWS}, which makes a persistent
   * database spill large results to disk, is not set: H2 ignores it for in-memory databases (it keeps
   * every result in memory), and {@code MAX_OPERATION_MEMORY} only concerns large writes, which the
   * reader cannot make. A single value is not bounded: an expression such as
   * {@code REPEAT('x', 1000000000)} builds its value in H2 before any cap applies; see the README.
   *
   * @param maxQueryTime the longest any statement may run
   * @return the database
   * @throws SQLException when H2 fails
   */
  public static Database seeded(Duration maxQueryTime) throws SQLException {
    SecureRandom random = new SecureRandom();
    byte[] name = new byte[6];
    random.nextBytes(name);
    String url = "jdbc:h2:mem:shop-" + HexFormat.of().formatHex(name);
    byte[] secret = new byte[16];
    random.nextBytes(secret);
    String readerPassword = HexFormat.of().formatHex(secret);
    // The first connection keeps the in-memory database alive for the life of the JVM, and sets what
    // can only be set when a database opens.
    String settings = ";DB_CLOSE_DELAY=-1;MAX_QUERY_TIMEOUT=" + Math.max(1, maxQueryTime.toMillis());
    try (Connection admin = DriverManager.getConnection(url + settings, "sa", "")) {
      Seeder.seed(admin);
      try (var statement = admin.createStatement()) {
        statement.execute("CREATE USER READER PASSWORD '" + readerPassword + "'");
        statement.execute("GRANT SELECT ON SCHEMA PUBLIC TO READER");
      }
    }
    return new Database(url, url + ";LAZY_QUERY_EXECUTION=TRUE", "sa", "", "READER", readerPassword,
        "in-memory H2 with " + Seeder.CUSTOMERS + " customers, " + Seeder.PRODUCTS + " products and "
            + Seeder.ORDERS + " orders");
  }

  /**
   * Uses a database named by a JDBC URL; its driver must be on the class path.
   *
   * @param url the JDBC URL
   * @param user the user, or null
   * @param password the password, or null
   * @return the database
   */
  public static Database external(String url, @Nullable String user, @Nullable String password) {
    Objects.requireNonNull(url, "url");
    return new Database(url, url, user, password, null, null, JdbcUrls.mask(url));
  }

  /**
   * Finds out whether this database's credentials can change data, which read-only connections do
   * not always prevent (H2 ignores them; many databases commit DDL regardless). On H2 the user can
   * when it is an administrator, owns a schema, or may insert, update or delete in any table: each
   * table is tried with statements that change no row, in a transaction that is rolled back. On
   * other databases, best effort: a database that JDBC reports read-only cannot; otherwise the user
   * can when the standard INFORMATION_SCHEMA.TABLE_PRIVILEGES grants it, or PUBLIC, anything but
   * SELECT and REFERENCES on a table. Rights that view does not show (superusers, global or schema
   * grants) are missed, and when it cannot be read the answer is that the user may write.
   *
   * @return why the credentials can change data, or empty when they seem able only to read
   * @throws SQLException when the database cannot be reached
   */
  public Optional<String> writeAccess() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, password)) {
      connection.setAutoCommit(false);
      try {
        return WriteAccess.of(connection);
      } finally {
        connection.rollback();
      }
    }
  }

  /**
   * Returns what this database is, for the start-up banner; it shows no credentials.
   *
   * @return a description
   */
  public String description() {
    return description;
  }

  /**
   * Runs work on a connection that cannot change data.
   *
   * @param work the work
   * @param <T> the result type
   * @return the work's result
   * @throws SQLException when the database refuses
   */
  public <T> T read(Work<T> work) throws SQLException {
    if (readerUser != null) {
      try (Connection connection = DriverManager.getConnection(readerUrl, readerUser, readerPassword)) {
        return work.run(connection);
      }
    }
    try (Connection connection = DriverManager.getConnection(url, user, password)) {
      connection.setReadOnly(true);
      connection.setAutoCommit(false);
      try {
        return work.run(connection);
      } finally {
        connection.rollback(); // even a database that ignores read-only keeps nothing
      }
    }
  }

  /**
   * Runs work on a connection that may change data, in one transaction.
   *
   * @param work the work
   * @param <T> the result type
   * @return the work's result
   * @throws SQLException when the database refuses
   */
  public <T> T write(Work<T> work) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, password)) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }
}
