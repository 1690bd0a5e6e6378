package dev.switchboard.sample.shop;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Whether a connection's user can change data: see {@link Database#writeAccess()}. */
final class WriteAccess {
  /** H2's error code for "Not enough rights for object". */
  private static final int H2_NOT_ENOUGH_RIGHTS = 90096;

  private WriteAccess() {}

  /** Why the user can write, or empty; the caller rolls back. */
  static Optional<String> of(Connection connection) throws SQLException {
    DatabaseMetaData metadata = connection.getMetaData();
    if ("H2".equals(metadata.getDatabaseProductName())) {
      return h2(connection);
    }
    if (metadata.isReadOnly()) {
      return Optional.empty();
    }
    String sql = "SELECT TABLE_SCHEMA, TABLE_NAME, PRIVILEGE_TYPE FROM INFORMATION_SCHEMA.TABLE_PRIVILEGES"
        + " WHERE PRIVILEGE_TYPE NOT IN ('SELECT', 'REFERENCES')"
        + " AND (UPPER(GRANTEE) = UPPER(CURRENT_USER) OR UPPER(GRANTEE) = 'PUBLIC')";
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      if (rows.next()) {
        return Optional.of("its user has the privilege " + rows.getString(3) + " on the table " + rows.getString(1)
            + "." + rows.getString(2) + " (INFORMATION_SCHEMA.TABLE_PRIVILEGES)");
      }
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of("what its user may do could not be checked, as INFORMATION_SCHEMA.TABLE_PRIVILEGES could"
          + " not be read (" + e.getMessage() + ")");
    }
  }

  private static Optional<String> h2(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      try (ResultSet admin = statement.executeQuery(
          "SELECT USER_NAME FROM INFORMATION_SCHEMA.USERS WHERE USER_NAME = CURRENT_USER AND IS_ADMIN")) {
        if (admin.next()) {
          return Optional.of("its user " + admin.getString(1) + " is an H2 administrator, who may change anything,"
              + " define Java functions (CREATE ALIAS) and read files (FILE_READ)");
        }
      }
      try (ResultSet owned = statement.executeQuery(
          "SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_OWNER = CURRENT_USER")) {
        if (owned.next()) {
          return Optional.of("its user owns the schema " + owned.getString(1)
              + ", where it may create, change and drop tables");
        }
      }
    }
    for (Table table : tables(connection)) {
      String name = Schema.quote(table.schema()) + "." + Schema.quote(table.name());
      String column = Schema.quote(table.column());
      // Statements that change no row, yet need the right: H2 checks rights before it looks for rows.
      String[][] probes = {
          {"INSERT INTO", "INSERT INTO " + name + " (" + column + ") SELECT NULL WHERE FALSE"},
          {"UPDATE", "UPDATE " + name + " SET " + column + " = " + column + " FETCH FIRST 0 ROWS ONLY"},
          {"DELETE FROM", "DELETE FROM " + name + " FETCH FIRST 0 ROWS ONLY"}};
      for (String[] probe : probes) {
        Savepoint before = connection.setSavepoint();
        try (Statement statement = connection.createStatement()) {
          statement.executeUpdate(probe[1]);
          return Optional.of("its user may " + probe[0] + " " + table);
        } catch (SQLException e) {
          if (e.getErrorCode() != H2_NOT_ENOUGH_RIGHTS) {
            return Optional.of("its user may " + probe[0] + " " + table + " (trying it failed"
                + " for another reason than rights: " + e.getMessage().lines().findFirst().orElse("") + ")");
          }
        } finally {
          connection.rollback(before);
        }
      }
    }
    return Optional.empty();
  }

  /** A table and its first column. */
  private record Table(String schema, String name, String column) {
    @Override
    public String toString() {
      return schema + "." + name;
    }
  }

  /** Every table the user can see, but H2's own. */
  private static List<Table> tables(Connection connection) throws SQLException {
    List<Table> tables = new ArrayList<>();
    try (PreparedStatement columns = connection.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME"
        + " FROM INFORMATION_SCHEMA.COLUMNS WHERE ORDINAL_POSITION = 1 AND TABLE_SCHEMA <> 'INFORMATION_SCHEMA'"
        + " AND (TABLE_SCHEMA, TABLE_NAME) IN (SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
        + " WHERE TABLE_TYPE = 'BASE TABLE') ORDER BY TABLE_SCHEMA, TABLE_NAME");
        ResultSet rows = columns.executeQuery()) {
      while (rows.next()) {
        tables.add(new Table(rows.getString(1), rows.getString(2), rows.getString(3)));
      }
    }
    return tables;
  }
}
