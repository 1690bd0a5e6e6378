package dev.switchboard.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The cluster mode's figures, for the console ({@link Report}) and the HTML report ({@link HtmlReport}). */
final class ClusterReport {
  private ClusterReport() {}

  static String heading(ClusterResult cluster) {
    return cluster.nodes() + " Switchboard nodes (JVMs of their own) sharing sessions and changes through Redis, "
        + "behind HAProxy with the shipped load-tests/haproxy/switchboard.cfg, all on 127.0.0.1";
  }

  static String failoverLine(ClusterResult cluster) {
    return String.format(Locale.ROOT, "%s killed (SIGKILL) at %.1f s, restarted at %.1f s (listening at %.1f s), "
        + "in a window of %.0f s", cluster.victim(), cluster.killedAt(), cluster.restartedAt(), cluster.listeningAt(),
        cluster.sessions().seconds());
  }

  static String sessionsLine(ClusterResult cluster) {
    return String.format(Locale.ROOT, "sessions at risk (held by %s at the kill) %d (%d agents', %d listeners'); "
        + "lost (404, a new session opened) %d; survived (taken over) %d", cluster.victim(), cluster.atRisk(),
        cluster.atRisk() - cluster.atRiskListeners(), cluster.atRiskListeners(), cluster.sessionsLost(),
        cluster.sessionsSurvived());
  }

  static String callsFailedLine(ClusterResult cluster) {
    return "calls failed (errors other than 404s; expected: those in flight on " + cluster.victim() + " as it died) "
        + cluster.callsFailedCount();
  }

  static String checkLine(String label, TickerListeners.Check check) {
    return String.format(Locale.ROOT, "notifications %s: %d streams × %d pokes (ran on %s): delivered %d of %d, "
        + "duplicates %d%s%s", label, check.streams(), check.pokes(), byNode(check.pokesByNode()), check.delivered(),
        check.expected(), check.duplicates(), check.reopened() == 0 ? ""
            : "; " + check.reopened() + " streams reopened, " + check.lost() + " of their sessions lost",
        check.failures().isEmpty() ? "" : "; failures: " + String.join("; ", check.failures()));
  }

  static String verdict(ClusterResult cluster) {
    return cluster.clean()
        ? "the fleet survived losing a node: nothing misrouted, no session lost, every update delivered exactly once"
        : "the fleet did NOT survive cleanly: misrouted " + cluster.misrouted() + ", sessions lost "
            + cluster.sessionsLost() + " (at risk " + cluster.atRisk() + "), notifications "
            + (cluster.before().exactlyOnce() && cluster.after().exactlyOnce() ? "all delivered once"
                : "missing, doubled or failing");
  }

  private static String byNode(Map<String, Integer> pokes) {
    StringBuilder text = new StringBuilder();
    pokes.forEach((node, count) -> text.append(text.length() == 0 ? "" : ", ").append(node).append(' ').append(count));
    return text.length() == 0 ? "no node" : text.toString();
  }

  static void console(StringBuilder out, ClusterResult cluster) {
    out.append("\nCluster: ").append(heading(cluster)).append('\n');
    Workload echo = cluster.oneNode().workload();
    out.append(String.format(Locale.ROOT, "  echo throughput, %s, %.0f s each:%n", echo.describe(),
        cluster.oneNode().seconds()));
    consoleTable(out, "through", List.of(cluster.oneNode(), cluster.allNodes()));
    out.append("  failover: ").append(failoverLine(cluster)).append('\n');
    consoleTable(out, "era", List.of(cluster.sessions(), cluster.stateless()));
    out.append("  ").append(sessionsLine(cluster)).append('\n');
    out.append("  ").append(callsFailedLine(cluster)).append('\n');
    cluster.callsFailed().forEach((kind, count) -> out.append("    ").append(count).append(" × ").append(kind)
        .append('\n'));
    out.append("  ").append(checkLine("before", cluster.before())).append('\n');
    out.append("  ").append(checkLine("after", cluster.after())).append('\n');
    for (RunResult run : List.of(cluster.sessions(), cluster.stateless())) {
      out.append("  ").append(run.target()).append(", calls per second:");
      run.stats().toolCallsPerSecond().forEach(calls -> out.append(String.format(Locale.ROOT, " %,d", calls)));
      out.append('\n');
      run.stats().examples().forEach(example -> out.append("    e.g. ").append(example).append('\n'));
    }
    out.append("  logs: ").append(cluster.logs()).append('\n');
    out.append("  ").append(verdict(cluster)).append('\n');
  }

  private static void consoleTable(StringBuilder out, String first, List<RunResult> runs) {
    String format = "    %-22s %10s %10s %10s %10s %7s %9s %13s%n";
    out.append(String.format(Locale.ROOT, format, first, "calls/s", "echo p50", "echo p99", "echo max", "errors",
        "misrouted", "sessions lost"));
    for (RunResult run : runs) {
      Report.Latencies latency = Report.Latencies.of(run.latency(Op.ECHO));
      out.append(String.format(Locale.ROOT, format, run.target(), Report.rate(run.callsPerSecond()), latency.p50(),
          latency.p99(), latency.max(), run.stats().errorCount(), run.stats().misrouted(),
          run.workload().stateless() ? "–" : Long.toString(run.stats().sessionsLost())));
    }
  }

  static void html(StringBuilder html, ClusterResult cluster) {
    html.append("<h2>Cluster: a fleet losing a node</h2><p>").append(Svg.escape(heading(cluster)))
        .append(". Legacy sessions stick to the node that minted them; 2026-07-28 requests go round-robin.</p>");
    Workload echo = cluster.oneNode().workload();
    html.append("<h3>Echo throughput, one node and ").append(cluster.nodes()).append("</h3><p>")
        .append(Svg.escape(echo.describe())).append(String.format(Locale.ROOT, "; %.0f s each (no scaling target: "
            + "the nodes, HAProxy, Redis and the load share the machine's cores).</p>", cluster.oneNode().seconds()));
    htmlTable(html, "through", List.of(cluster.oneNode(), cluster.allNodes()));
    html.append("<h3>Failover</h3><p>Both eras' agents at once, one session per agent for the whole window: ")
        .append(Svg.escape(failoverLine(cluster))).append(".</p>");
    htmlTable(html, "era", List.of(cluster.sessions(), cluster.stateless()));
    html.append("<ul><li>").append(Svg.escape(sessionsLine(cluster))).append("</li><li>")
        .append(Svg.escape(callsFailedLine(cluster)));
    if (!cluster.callsFailed().isEmpty()) {
      html.append("<ul>");
      cluster.callsFailed().forEach((kind, count) -> html.append("<li>").append(count).append(" × ")
          .append(Svg.escape(kind)).append("</li>"));
      html.append("</ul>");
    }
    html.append("</li><li>").append(Svg.escape(checkLine("before", cluster.before()))).append("</li><li>")
        .append(Svg.escape(checkLine("after", cluster.after()))).append("</li></ul>");
    List<Svg.Series> perSecond = new ArrayList<>();
    for (RunResult run : List.of(cluster.sessions(), cluster.stateless())) {
      perSecond.add(HtmlReport.perSecondSeries(run.target(),
          HtmlReport.wholeSeconds(run.stats().toolCallsPerSecond())));
    }
    html.append(Svg.lineChart("Throughput through " + cluster.nodes() + " nodes while " + cluster.victim()
            + " dies and comes back", "seconds measured", "tool calls/s", perSecond, false,
        List.of(new Svg.Marker(cluster.killedAt(), cluster.victim() + " killed"),
            new Svg.Marker(cluster.restartedAt(), "restarted"))));
    html.append("<p>Logs and HAProxy's generated configurations: <code>").append(Svg.escape(cluster.logs().toString()))
        .append("</code></p><p class=\"").append(cluster.clean() ? "good" : "bad").append("\">")
        .append(Svg.escape(verdict(cluster).substring(0, 1).toUpperCase(Locale.ROOT) + verdict(cluster).substring(1)))
        .append(".</p>");
  }

  private static void htmlTable(StringBuilder html, String first, List<RunResult> runs) {
    html.append("<table><tr><th>").append(first).append("</th><th>calls/s</th><th>echo p50</th><th>echo p99</th>"
        + "<th>echo max</th><th>errors</th><th>misrouted</th><th>sessions lost</th></tr>");
    for (RunResult run : runs) {
      Report.Latencies latency = Report.Latencies.of(run.latency(Op.ECHO));
      HtmlReport.row(html, run.target(), Report.rate(run.callsPerSecond()), latency.p50(), latency.p99(), latency.max(),
          Long.toString(run.stats().errorCount()), Long.toString(run.stats().misrouted()),
          run.workload().stateless() ? "–" : Long.toString(run.stats().sessionsLost()));
    }
    html.append("</table>");
  }
}
