package dev.switchboard.sample.shop;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads a result's rows as JSON-friendly values (numbers, strings, booleans and nulls) within a
 * budget: a text cell is cut after {@code maxCell} characters, a binary one (shown in hex) after
 * {@code maxCell} hex digits, and once the result holds {@code maxResult} characters of cell data the
 * cells that follow are cut to nothing and no further row should be read. Text and binary values are
 * read as streams, so a large object is read no further than its cut.
 */
final class Cells {
  /** Ends a cell that was cut. */
  static final String CUT = "…";

  private enum Kind { TEXT, BINARY, VALUE, STRING }

  private final Kind[] kinds;
  private final int maxCell;
  private long budget;
  private int cut;

  Cells(ResultSetMetaData metadata, int maxCell, int maxResult) throws SQLException {
    kinds = new Kind[metadata.getColumnCount()];
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] = kind(metadata.getColumnType(i + 1), metadata.getColumnTypeName(i + 1));
    }
    this.maxCell = maxCell;
    this.budget = maxResult;
  }

  private static Kind kind(int type, @Nullable String name) {
    if ("UUID".equals(name == null ? null : name.toUpperCase(Locale.ROOT))) {
      return Kind.STRING; // H2 reports UUIDs as BINARY, but they read best as text
    }
    return switch (type) {
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB,
          Types.NCLOB -> Kind.TEXT;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Kind.BINARY;
      case Types.BIT, Types.BOOLEAN, Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL,
          Types.FLOAT, Types.DOUBLE, Types.DECIMAL, Types.NUMERIC, Types.DATE, Types.TIME, Types.TIMESTAMP,
          Types.TIME_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE -> Kind.VALUE;
      default -> Kind.STRING; // arrays, JSON, intervals, geometries...: as the driver writes them
    };
  }

  /** Whether the budget is spent: read no further row. */
  boolean full() {
    return budget <= 0;
  }

  /** How many cells were cut. */
  int cut() {
    return cut;
  }

  /** Reads the current row. */
  List<@Nullable Object> row(ResultSet rows) throws SQLException {
    List<@Nullable Object> row = new ArrayList<>(kinds.length);
    for (int i = 0; i < kinds.length; i++) {
      int room = (int) Math.min(maxCell, Math.max(0, budget));
      Object value = switch (kinds[i]) {
        case TEXT -> text(rows.getCharacterStream(i + 1), room);
        case BINARY -> binary(rows.getBinaryStream(i + 1), room);
        case VALUE -> value(rows.getObject(i + 1), room);
        case STRING -> string(rows.getString(i + 1), room);
      };
      row.add(value);
    }
    return row;
  }

  private @Nullable String text(@Nullable Reader reader, int room) throws SQLException {
    if (reader == null) {
      return null;
    }
    try (reader) {
      StringBuilder text = new StringBuilder(Math.min(room + 1, 8192));
      char[] buffer = new char[Math.min(room + 1, 8192)];
      int read;
      while (text.length() <= room && (read = reader.read(buffer, 0, Math.min(buffer.length, room + 1 - text.length())))
          >= 0) {
        text.append(buffer, 0, read);
      }
      return fit(text, room);
    } catch (IOException e) {
      throw new SQLException("Could not read a text value: " + e.getMessage(), e);
    }
  }

  private @Nullable String binary(@Nullable InputStream stream, int room) throws SQLException {
    if (stream == null) {
      return null;
    }
    try (stream) {
      byte[] bytes = stream.readNBytes(room / 2 + 1);
      boolean more = bytes.length > room / 2;
      String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, room / 2));
      budget -= hex.length();
      if (more) {
        cut++;
        return hex + CUT;
      }
      return hex;
    } catch (IOException e) {
      throw new SQLException("Could not read a binary value: " + e.getMessage(), e);
    }
  }

  private @Nullable Object value(@Nullable Object value, int room) {
    if (value == null || value instanceof Number || value instanceof Boolean) {
      budget -= value == null ? 0 : value.toString().length(); // never cut: a cut number would be a wrong one
      return value;
    }
    if (value instanceof Timestamp timestamp) {
      return string(timestamp.toLocalDateTime().toString(), room);
    }
    if (value instanceof Date date) {
      return string(date.toLocalDate().toString(), room);
    }
    return string(String.valueOf(value), room);
  }

  private @Nullable String string(@Nullable String value, int room) {
    return value == null ? null : fit(new StringBuilder(value.length() > room ? value.substring(0, room + 1) : value),
        room);
  }

  /** The text, or its first {@code room} characters and the mark when it is longer; charged to the budget. */
  private String fit(StringBuilder text, int room) {
    if (text.length() <= room) {
      budget -= text.length();
      return text.toString();
    }
    int keep = room;
    if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--; // do not split a character in two
    }
    cut++;
    budget -= keep;
    return text.substring(0, keep) + CUT;
  }
}
