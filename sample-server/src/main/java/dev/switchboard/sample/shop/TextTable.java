package dev.switchboard.sample.shop;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Renders rows as a plain-text table, for people and for models that read text. */
final class TextTable {
  private static final int WIDEST = 40;

  private TextTable() {}

  static String render(List<String> columns, List<List<@Nullable Object>> rows) {
    int[] widths = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      widths[c] = Math.min(WIDEST, columns.get(c).length());
      for (List<@Nullable Object> row : rows) {
        widths[c] = Math.min(WIDEST, Math.max(widths[c], cell(row.get(c)).length()));
      }
    }
    StringBuilder text = new StringBuilder();
    line(text, columns.stream().map(c -> (Object) c).toList(), widths);
    for (int c = 0; c < widths.length; c++) {
      text.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
    }
    text.append('\n');
    for (List<@Nullable Object> row : rows) {
      line(text, row, widths);
    }
    return text.toString();
  }

  private static void line(StringBuilder text, List<@Nullable Object> cells, int[] widths) {
    for (int c = 0; c < widths.length; c++) {
      String cell = cell(cells.get(c));
      if (cell.length() > widths[c]) {
        cell = cell.substring(0, widths[c] - 1) + "…";
      }
      text.append(c == 0 ? "" : " | ").append(cell).append(" ".repeat(widths[c] - cell.length()));
    }
    text.append('\n');
  }

  private static String cell(@Nullable Object value) {
    return value == null ? "NULL" : value.toString();
  }
}
