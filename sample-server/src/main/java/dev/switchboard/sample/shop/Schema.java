package dev.switchboard.sample.shop;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What the database holds, read from JDBC metadata. */
final class Schema {
  private Schema() {}

  static List<String> tableNames(Connection connection) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(), "%",
        new String[] {"TABLE"})) {
      while (tables.next()) {
        names.add(tables.getString("TABLE_NAME"));
      }
    }
    names.sort(String.CASE_INSENSITIVE_ORDER);
    return names;
  }

  /** The table's name as the database spells it, found case-insensitively; null when there is none. */
  static @Nullable String resolve(Connection connection, String table) throws SQLException {
    for (String name : tableNames(connection)) {
      if (name.equalsIgnoreCase(table.trim())) {
        return name;
      }
    }
    return null;
  }

  static String require(Connection connection, String table) throws SQLException {
    String name = resolve(connection, table);
    if (name == null) {
      throw new IllegalArgumentException("There is no table named '" + table + "'. Tables: "
          + String.join(", ", tableNames(connection)));
    }
    return name;
  }

  static ShopTools.TableDescription describe(Connection connection, String name, int timeoutSeconds)
      throws SQLException {
    DatabaseMetaData metadata = connection.getMetaData();
    Set<String> keys = new HashSet<>();
    try (ResultSet primary = metadata.getPrimaryKeys(null, connection.getSchema(), name)) {
      while (primary.next()) {
        keys.add(primary.getString("COLUMN_NAME"));
      }
    }
    List<ShopTools.Column> columns = new ArrayList<>();
    try (ResultSet result = metadata.getColumns(null, connection.getSchema(), name, "%")) {
      while (result.next()) {
        String column = result.getString("COLUMN_NAME");
        columns.add(new ShopTools.Column(column, result.getString("TYPE_NAME").toLowerCase(Locale.ROOT),
            result.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls, keys.contains(column)));
      }
    }
    long rows;
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(timeoutSeconds);
      try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + quote(name))) {
        count.next();
        rows = count.getLong(1);
      }
    }
    return new ShopTools.TableDescription(name, columns, rows);
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  static List<String> columnNames(ResultSetMetaData metadata) throws SQLException {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= metadata.getColumnCount(); i++) {
      names.add(metadata.getColumnLabel(i));
    }
    return names;
  }
}
