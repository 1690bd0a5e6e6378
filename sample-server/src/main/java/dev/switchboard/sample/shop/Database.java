package dev.switchboard.sample.shop;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where the sample's data lives: the seeded in-memory H2 database, or any database a JDBC URL names.
 * Reads go through connections that cannot write: for the seeded database, a user that was only
 * granted SELECT; elsewhere, read-only connections whose transaction is always rolled back.
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
  private final @Nullable String user;
  private final @Nullable String password;
  private final @Nullable String readerUser;
  private final @Nullable String readerPassword;
  private final String description;

  private Database(String url, @Nullable String user, @Nullable String password, @Nullable String readerUser,
      @Nullable String readerPassword, String description) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.readerUser = readerUser;
    this.readerPassword = readerPassword;
    this.description = description;
  }

  /**
   * Creates an in-memory H2 database, seeded with customers, products and orders, with a reader user
   * that may only SELECT.
   *
   * @return the database
   * @throws SQLException when H2 fails
   */
  public static Database seeded() throws SQLException {
    SecureRandom random = new SecureRandom();
    byte[] name = new byte[6];
    random.nextBytes(name);
    String url = "jdbc:h2:mem:shop-" + HexFormat.of().formatHex(name);
    byte[] secret = new byte[16];
    random.nextBytes(secret);
    String readerPassword = HexFormat.of().formatHex(secret);
    // The first connection keeps the in-memory database alive for the life of the JVM.
    try (Connection admin = DriverManager.getConnection(url + ";DB_CLOSE_DELAY=-1", "sa", "")) {
      Seeder.seed(admin);
      try (var statement = admin.createStatement()) {
        statement.execute("CREATE USER READER PASSWORD '" + readerPassword + "'");
        statement.execute("GRANT SELECT ON SCHEMA PUBLIC TO READER");
      }
    }
    return new Database(url, "sa", "", "READER", readerPassword,
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
    return new Database(Objects.requireNonNull(url, "url"), user, password, null, null, url);
  }

  /**
   * Returns what this database is, for the start-up banner.
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
      try (Connection connection = DriverManager.getConnection(url, readerUser, readerPassword)) {
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
