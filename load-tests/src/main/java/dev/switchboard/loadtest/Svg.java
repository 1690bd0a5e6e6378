package dev.switchboard.loadtest;

import java.util.List;
import java.util.Locale;

/** Line charts as inline SVG: no script, no fonts or styles from the network. */
final class Svg {
  private static final String[] COLORS = {"#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#57606a"};
  private static final int WIDTH = 720;
  private static final int HEIGHT = 318;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 48; // the title, then a row for the legend, above the plot
  private static final int BOTTOM = 45;

  private Svg() {}

  /** One line: x and y values of equal length. */
  record Series(String name, double[] xs, double[] ys) {}

  /** A vertical mark at an x value, such as where a round starts. */
  record Marker(double x, String label) {}

  static String lineChart(String title, String xLabel, String yLabel, List<Series> series, boolean logX) {
    return lineChart(title, xLabel, yLabel, series, logX, List.of());
  }

  static String lineChart(String title, String xLabel, String yLabel, List<Series> series, boolean logX,
      List<Marker> markers) {
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = 0;
    for (Series line : series) {
      for (int i = 0; i < line.xs.length; i++) {
        double x = logX ? Math.log10(Math.max(line.xs[i], 1e-9)) : line.xs[i];
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, line.ys[i]);
      }
    }
    if (minX == Double.MAX_VALUE) {
      return "<p>(no data for " + escape(title) + ")</p>";
    }
    if (maxX == minX) {
      maxX = minX + 1;
    }
    maxY = niceCeiling(maxY);
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">",
        WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append("<title>").append(escape(title)).append("</title>");
    svg.append(text(WIDTH / 2.0, 18, title, "middle", "bold"));
    int plotWidth = WIDTH - LEFT - RIGHT;
    int plotHeight = HEIGHT - TOP - BOTTOM;
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>",
        LEFT, TOP, plotWidth, plotHeight));
    for (int i = 0; i <= 4; i++) {
      double value = maxY * i / 4;
      double y = TOP + plotHeight - plotHeight * i / 4.0;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>",
          LEFT, LEFT + plotWidth, y, y));
      svg.append(text(LEFT - 6, y + 4, number(value), "end", "normal"));
    }
    for (int i = 0; i <= 5; i++) {
      double value = minX + (maxX - minX) * i / 5;
      double x = LEFT + plotWidth * i / 5.0;
      svg.append(text(x, TOP + plotHeight + 16, number(logX ? Math.pow(10, value) : value), "middle", "normal"));
    }
    svg.append(text(LEFT + plotWidth / 2.0, HEIGHT - 8, xLabel, "middle", "normal"));
    // The axis label runs along the plot's height; a long one gets a smaller font so it is never clipped.
    int labelSize = Math.max(8, Math.min(12, (int) (plotHeight / (0.62 * Math.max(1, yLabel.length())))));
    svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"middle\" "
        + "transform=\"rotate(-90 14 %.1f)\">%s</text>", TOP + plotHeight / 2.0, labelSize, TOP + plotHeight / 2.0,
        escape(yLabel)));
    for (int s = 0; s < series.size(); s++) {
      Series line = series.get(s);
      String color = COLORS[s % COLORS.length];
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < line.xs.length; i++) {
        double xValue = logX ? Math.log10(Math.max(line.xs[i], 1e-9)) : line.xs[i];
        double x = LEFT + plotWidth * (xValue - minX) / (maxX - minX);
        double y = TOP + plotHeight - plotHeight * (maxY == 0 ? 0 : line.ys[i] / maxY);
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      svg.append("<polyline fill=\"none\" stroke-width=\"1.8\" stroke=\"").append(color).append("\" points=\"")
          .append(points.toString().trim()).append("\"/>");
    }
    for (Marker marker : markers) {
      double xValue = logX ? Math.log10(Math.max(marker.x(), 1e-9)) : marker.x();
      // A round that starts before the first sample is labelled at the axis, which already marks it.
      double x = LEFT + plotWidth * (Math.max(minX, Math.min(maxX, xValue)) - minX) / (maxX - minX);
      if (x > LEFT) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#999\" "
            + "stroke-dasharray=\"4 3\"/>", x, x, TOP, TOP + plotHeight));
      }
      svg.append(text(x + 3, TOP + 12, marker.label(), "start", "normal"));
    }
    // The legend sits in its own row between the title and the plot, so no line can pass under it.
    double legendX = LEFT;
    for (int s = 0; s < series.size(); s++) {
      Series line = series.get(s);
      String color = COLORS[s % COLORS.length];
      double legendY = TOP - 10;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
          + "stroke-width=\"3\"/>", legendX, legendX + 20, legendY - 4, legendY - 4, color));
      svg.append(text(legendX + 25, legendY, line.name, "start", "normal"));
      legendX += 40 + 7 * line.name.length();
    }
    return svg.append("</svg>").toString();
  }

  private static String text(double x, double y, String content, String anchor, String weight) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"%s\" font-weight=\"%s\">%s</text>",
        x, y, anchor, weight, escape(content));
  }

  /** The smallest of 1, 2, 5, 10, 20, 50, ... at least {@code value}: a round divisor for a scaled series. */
  static long roundUp(double value) {
    long candidate = 1;
    while (true) {
      for (long step : new long[] {1, 2, 5}) {
        if (step * candidate >= value) {
          return step * candidate;
        }
      }
      candidate *= 10;
    }
  }

  private static double niceCeiling(double value) {
    if (value <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String number(double value) {
    if (value == 0) {
      return "0";
    }
    double abs = Math.abs(value);
    if (abs >= 1_000_000) {
      return String.format(Locale.ROOT, "%.1fM", value / 1e6);
    }
    if (abs >= 10_000) {
      return String.format(Locale.ROOT, "%.0fk", value / 1e3);
    }
    if (abs >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    return abs >= 1 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
