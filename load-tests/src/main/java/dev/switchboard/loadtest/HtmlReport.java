package dev.switchboard.loadtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The self-contained HTML report: tables and inline SVG charts, viewable offline. */
final class HtmlReport {
  private HtmlReport() {}

  static String render(Results results) {
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Switchboard load test</title>")
        .append("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
        .append("th:first-child,td:first-child{text-align:left}.bad{color:#b00;font-weight:bold}.good{color:#070}")
        .append("code{background:#f4f4f4;padding:1px 4px}</style></head><body>");
    html.append("<h1>Switchboard load test</h1><p>").append(Svg.escape(results.environment())).append("</p>");
    html.append("<p>Options: <code>").append(Svg.escape(results.command())).append("</code></p>");
    html.append("<p>Machine before the run: ").append(Svg.escape(results.loadAtStart().describe()))
        .append("<br>Machine after the run: ").append(Svg.escape(results.loadAtEnd().describe())).append("</p>");
    for (String warning : results.warnings()) {
      html.append("<p class=\"bad\">Warning: ").append(Svg.escape(warning)).append("</p>");
    }
    html.append(!results.clean() ? "<p class=\"bad\">Problems found: see the tables below.</p>"
        : results.cluster() != null ? "<p class=\"good\">The cluster: see below.</p>"
            : "<p class=\"good\">Every reply reached its caller; no errors; no leaked sessions.</p>");
    comparison(html, results);
    eras(html, results);
    auth(html, results.auth());
    if (results.agents() != null) {
      agents(html, results.agents());
    }
    idle(html, results);
    if (results.noisy() != null) {
      noisy(html, results.noisy());
    }
    if (results.cluster() != null) {
      ClusterReport.html(html, results.cluster());
    }
    return html.append("</body></html>").toString();
  }

  private static void comparison(StringBuilder html, Results results) {
    List<Results.Aggregate> targets = results.comparisonByTarget();
    if (!targets.isEmpty()) {
      Workload workload = targets.get(0).rounds().get(0).workload();
      comparison(html, "Comparison", "server", Svg.escape(workload.describe()) + "; " + targets.get(0).rounds().size()
          + " rounds of " + workload.duration().toSeconds() + " s per server, alternating.", targets, false);
    }
  }

  private static void eras(StringBuilder html, Results results) {
    List<Results.Aggregate> eras = results.erasByTarget();
    if (eras.isEmpty()) {
      return;
    }
    Workload workload = eras.get(0).rounds().get(0).workload();
    String intro = "One Switchboard server in a JVM of its own, called in its two eras in alternating rounds: "
        + Svg.escape(workload.protocolVersion()) + " sessions (<code>initialize</code>, then every call on its session) and "
        + Wire.STATELESS_REVISION + " without a session (every request carries the revision headers and <code>_meta</code>). "
        + Svg.escape(workload.describeCalls()) + "; " + eras.get(0).rounds().size() + " rounds of "
        + workload.duration().toSeconds() + " s per era, alternating.";
    comparison(html, "Eras: sessions and stateless on one server", "era", intro, eras, true);
    if (eras.size() == 2) {
      String target = Report.erasTarget(eras.get(0), eras.get(1));
      html.append("<p class=\"").append(target.endsWith(": met") ? "good" : "bad").append("\">")
          .append(Svg.escape(target.substring(0, 1).toUpperCase(Locale.ROOT) + target.substring(1))).append(".</p>");
    }
  }

  private static void auth(StringBuilder html, AuthCost.Result auth) {
    if (auth == null || auth.byTarget().isEmpty()) {
      return;
    }
    List<Results.Aggregate> endpoints = auth.byTarget();
    String intro = "One Switchboard server in a JVM of its own, the same tools at two endpoints in alternating "
        + "rounds: " + Svg.escape(Report.authWorkload(endpoints)) + " (<code>JwtTokenVerifier</code>: signature, "
        + "issuer, audience, expiry; keys from a JWKS the harness serves). " + endpoints.get(0).rounds().size()
        + " rounds of " + endpoints.get(0).rounds().get(0).workload().duration().toSeconds()
        + " s per endpoint, alternating.";
    comparison(html, "Authorization: what checking a JWT costs", "endpoint", intro, endpoints, true);
    String line = auth.describe();
    html.append("<p class=\"").append(auth.clean() ? "good" : "bad").append("\">")
        .append(Svg.escape(line.substring(0, 1).toUpperCase(Locale.ROOT) + line.substring(1))).append(".</p>");
  }

  /**
   * One comparison: the table, the ratios (the first target over the second, or the second over the
   * first when {@code secondOverFirst}), the latency histograms and the rounds' throughput.
   *
   * @param intro HTML, already escaped
   */
  private static void comparison(StringBuilder html, String title, String targetColumn, String intro,
      List<Results.Aggregate> targets, boolean secondOverFirst) {
    html.append("<h2>").append(Svg.escape(title)).append("</h2><p>").append(intro).append("</p>");
    html.append("<table><tr><th>").append(targetColumn).append("</th><th>calls/s</th><th>p50</th><th>p90</th>"
        + "<th>p99</th><th>max</th><th>server CPU per call</th><th>driver CPU per call</th><th>errors</th><th>misrouted</th><th>rounds (calls/s)</th></tr>");
    for (Results.Aggregate target : targets) {
      Report.Latencies echo = Report.Latencies.of(target.echo());
      StringBuilder rounds = new StringBuilder();
      target.rounds().forEach(run -> rounds.append(Report.rate(run.callsPerSecond())).append(' '));
      row(html, target.target(), Report.rate(target.callsPerSecond()), echo.p50(), echo.p90(), echo.p99(), echo.max(),
          Report.micros(target.serverCpuMicrosPerCall()), Report.micros(target.generatorCpuMicrosPerCall()),
          Long.toString(target.errors()), Long.toString(target.misrouted()), rounds.toString().trim());
    }
    html.append("</table>");
    if (targets.size() == 2) {
      Results.Aggregate over = targets.get(secondOverFirst ? 1 : 0);
      Results.Aggregate under = targets.get(secondOverFirst ? 0 : 1);
      Report.Ratios ratios = Report.Ratios.of(over, under);
      html.append("<p>").append(Svg.escape(over.target())).append(" / ").append(Svg.escape(under.target()))
          .append(": throughput <b>").append(ratios.throughput()).append("</b>, p99 latency <b>").append(ratios.p99())
          .append("</b>, server CPU per call <b>").append(ratios.serverCpu()).append("</b>.</p>");
    }
    List<Svg.Series> histograms = new ArrayList<>();
    List<Svg.Series> throughput = new ArrayList<>();
    List<Svg.Marker> roundStarts = new ArrayList<>();
    for (Results.Aggregate target : targets) {
      histograms.add(histogram(target.target(), target.echo()));
      List<Long> perSecond = new ArrayList<>();
      for (RunResult run : target.rounds()) {
        if (target == targets.get(0)) {
          roundStarts.add(new Svg.Marker(perSecond.size() + 0.5, "round " + (roundStarts.size() + 1)));
        }
        perSecond.addAll(wholeSeconds(run.stats().toolCallsPerSecond()));
      }
      throughput.add(perSecondSeries(target.target(), perSecond));
    }
    html.append(Svg.lineChart("tools/call echo latency", "latency (ms, log scale)", "% of calls", histograms, true));
    html.append(Svg.lineChart("Throughput, rounds one after another (each one's rounds alternate with the other's)",
        "second measured", "calls/s", throughput, false, roundStarts));
  }

  private static void agents(StringBuilder html, RunResult run) {
    boolean stateless = run.workload().stateless();
    html.append("<h2>Agents</h2><p>Against ").append(Svg.escape(run.target())).append(": ")
        .append(Svg.escape(run.workload().describe()))
        .append(String.format(Locale.ROOT, "; %.0f s measured; %s tool calls%s; driver CPU %s per call, server CPU %s per call.</p>",
            run.seconds(), Report.rate(run.callsPerSecond()),
            stateless ? "" : ", " + Report.rate(run.stats().sessionsOpened() / run.seconds()) + " sessions opened",
            Report.micros(run.generatorCpuMicrosPerCall()), Report.micros(run.serverCpuMicrosPerCall())));
    html.append("<table><tr><th>operation</th><th>count</th><th>p50</th><th>p90</th><th>p99</th><th>max</th></tr>");
    for (Op op : Op.values()) {
      LatencyHistogram latency = run.latency(op);
      if (latency.count() > 0) {
        Report.Latencies columns = Report.Latencies.of(latency);
        row(html, op.label(), String.format(Locale.ROOT, "%,d", latency.count()), columns.p50(), columns.p90(),
            columns.p99(), columns.max());
      }
    }
    html.append("</table>");
    if (run.latency(Op.MRTR).count() > 0) {
      html.append("<p>").append(Op.MRTR.label()).append(": <code>input_required</code>, then the retry with the answer "
          + "that completes; both requests, timed and counted as one call.</p>");
    }
    if (stateless) {
      html.append("<p>").append(Svg.escape(Report.statelessNote(run))).append("; sessions on the server after the run: ")
          .append(run.sessionsLeft() < 0 ? "unknown" : Integer.toString(run.sessionsLeft())).append(".</p>");
    }
    String misrouted = "misrouted: " + run.stats().misrouted() + ", errors: " + run.stats().errorCount()
        + (run.stats().sessionsLost() == 0 ? ""
            : ", sessions lost (404; a new one opened): " + run.stats().sessionsLost());
    html.append("<p class=\"").append(run.clean() ? "good" : "bad").append("\">").append(misrouted).append("</p>");
    if (!run.errors().isEmpty() || !run.stats().examples().isEmpty()) {
      html.append("<ul>");
      for (Map.Entry<String, Long> error : run.errors().entrySet()) {
        html.append("<li>").append(error.getValue()).append(" × ").append(Svg.escape(error.getKey())).append("</li>");
      }
      for (String example : run.stats().examples()) {
        html.append("<li>e.g. ").append(Svg.escape(example)).append("</li>");
      }
      html.append("</ul>");
    }
    OrphanTracker.Result orphans = run.orphans();
    if (orphans != null) {
      // no reclaimed % here: the arguments are picked by index
      html.append(Report.abandoned(orphans,
              "<p>Abandoned sessions: %1$,d; reclaimed within TTL %2$d s + %3$d s: %4$,d; leaked: %6$,d%7$s; ",
              "; abandonment to expiry p50 %s, max %s"))
          .append("sessions left on the server afterwards: ")
          .append(run.sessionsLeft() < 0 ? "unknown" : Integer.toString(run.sessionsLeft())).append(".</p>");
    }
    html.append(Svg.lineChart("Throughput", "second measured", "tool calls/s",
        List.of(perSecondSeries("tool calls", wholeSeconds(run.stats().toolCallsPerSecond()))), false));
    if (stateless) {
      return; // no sessions to chart
    }
    List<double[]> samples = run.stats().liveSessions();
    double[] xs = new double[samples.size()];
    double[] client = new double[samples.size()];
    double[] server = new double[samples.size()];
    for (int i = 0; i < samples.size(); i++) {
      xs[i] = samples.get(i)[0];
      client[i] = samples.get(i)[1];
      server[i] = samples.get(i)[2];
    }
    List<Svg.Series> live = new ArrayList<>(List.of(new Svg.Series("sessions agents hold", xs, client)));
    if (run.sessionsLeft() >= 0) {
      live.add(new Svg.Series("sessions the server holds", xs, server));
    }
    html.append(Svg.lineChart("Live sessions (abandoned ones included until the server reclaims them)",
        "seconds since the run started", "sessions", live, false));
  }

  private static void idle(StringBuilder html, Results results) {
    if (!results.idleSessions().isEmpty()) {
      html.append("<h2>Idle sessions</h2><p>Sessions opened and held; heap after full GC minus the heap before, "
          + "divided by the sessions.</p><table><tr><th>server</th><th>sessions</th><th>heap per session</th>"
          + "<th>after one call</th>"
          + "<th>opened</th><th>open p99</th><th>failures</th></tr>");
      for (IdleSessions.Result idle : results.idleSessions()) {
        row(html, idle.target(), String.format(Locale.ROOT, "%,d", idle.sessions()), Report.bytes(idle.bytesPerSession()),
            Report.bytes(idle.bytesPerSessionAfterCall()),
            Report.rate(idle.opensPerSecond()), Report.millis(idle.openLatency().percentileNanos(0.99)),
            Integer.toString(idle.failures()));
      }
      html.append("</table>");
    }
    IdleStreams.Result streams = results.idleStreams();
    if (streams != null) {
      html.append("<h2>Idle GET streams</h2><p class=\"").append(streams.flat() && streams.lost() == 0 ? "good" : "bad")
          .append("\">").append(Svg.escape(streams.describe())).append("</p>");
      List<double[]> samples = streams.threadSamples();
      double[] xs = samples.stream().mapToDouble(sample -> sample[0]).toArray();
      double[] threads = samples.stream().mapToDouble(sample -> sample[1]).toArray();
      // Streams are scaled to sit on the threads' axis: divided by a round factor fitted to this run.
      double maxThreads = Math.max(1, Arrays.stream(threads).max().orElse(1));
      double maxStreams = samples.stream().mapToDouble(sample -> sample[2]).max().orElse(0);
      long divisor = Svg.roundUp(Math.max(1, maxStreams / maxThreads));
      double[] open = samples.stream().mapToDouble(sample -> sample[2] / divisor).toArray();
      String streamsName = divisor == 1 ? "open streams" : "open streams ÷ " + String.format(Locale.ROOT, "%,d", divisor);
      html.append(Svg.lineChart("Server JVM threads while streams open, are held, and close", "seconds",
          "count", List.of(new Svg.Series("live threads", xs, threads), new Svg.Series(streamsName, xs, open)),
          false));
    }
  }

  private static void noisy(StringBuilder html, NoisyNeighbour.Result noisy) {
    Workload workload = noisy.quiet().workload();
    html.append("<h2>Noisy neighbour</h2><p>").append(Svg.escape(workload.describeCalls()))
        .append(", one session and one client name each, against ").append(Svg.escape(noisy.quiet().target()))
        .append(" with the default client limits (").append(Svg.escape(Report.limits(noisy.limits())))
        .append(String.format(Locale.ROOT, "): %.0f s alone (quiet), then %.0f s beside one client that floods the "
            + "server (flood).</p>", noisy.quiet().seconds(), noisy.flood().seconds()));
    html.append("<table><tr><th>phase</th><th>calls/s</th><th>p50</th><th>p90</th><th>p99</th><th>max</th>"
        + "<th>errors</th><th>misrouted</th></tr>");
    for (RunResult run : List.of(noisy.quiet(), noisy.flood())) {
      Report.Latencies echo = Report.Latencies.of(run.latency(Op.ECHO));
      row(html, run.label(), Report.rate(run.callsPerSecond()), echo.p50(), echo.p90(), echo.p99(), echo.max(),
          Long.toString(run.stats().errorCount()), Long.toString(run.stats().misrouted()));
    }
    html.append("</table><p class=\"").append(noisy.targetMet() ? "good" : "bad").append("\">")
        .append(Svg.escape(Report.noisyRatios(noisy))).append(".</p>");
    html.append("<p class=\"").append(noisy.clean() ? "good" : "bad").append("\">")
        .append(noisy.clean() ? "No well-behaved agent got an error or a reply meant for another."
            : "Well-behaved agents got errors or misrouted replies.").append("</p>");
    Flooder.Result flooder = noisy.flooder();
    html.append("<p>Flooder: ").append(Svg.escape(flooder.plan().describe()))
        .append(String.format(Locale.ROOT, "; %,.0f answers/s over %.1f s. It got %,d sessions, held %,d GET streams "
            + "and completed %,d slow calls; refused with 429: ", flooder.responses() / flooder.seconds(),
            flooder.seconds(), flooder.sessionsOpened(), flooder.streamsOpened(), flooder.callsCompleted()))
        .append(Svg.escape(Report.refusals(flooder)))
        .append(String.format(Locale.ROOT, " (+ n: calls admitted on arrival and refused by the same limit as they "
            + "began, a JSON-RPC error in a 200); 503: %,d; other: %,d.</p>", flooder.unavailable(), flooder.otherCount()));
    html.append(Svg.lineChart("tools/call echo latency of the well-behaved agents", "latency (ms, log scale)",
        "% of calls", List.of(histogram("quiet", noisy.quiet().latency(Op.ECHO)),
            histogram("flood", noisy.flood().latency(Op.ECHO))), true));
    html.append(Svg.lineChart("Throughput of the well-behaved agents", "second measured", "calls/s",
        List.of(perSecondSeries("quiet", wholeSeconds(noisy.quiet().stats().toolCallsPerSecond())),
            perSecondSeries("flood", wholeSeconds(noisy.flood().stats().toolCallsPerSecond()))), false));
  }

  /** Re-buckets a latency histogram into 20 bins per decade, as % of calls. */
  private static Svg.Series histogram(String name, LatencyHistogram histogram) {
    Map<Integer, Long> bins = new TreeMap<>();
    for (long[] bucket : histogram.buckets()) {
      double middle = Math.max(1, (bucket[0] + bucket[1]) / 2.0);
      bins.merge((int) Math.floor(Math.log10(middle) * 20), bucket[2], Long::sum);
    }
    double[] xs = new double[bins.size()];
    double[] ys = new double[bins.size()];
    int i = 0;
    for (Map.Entry<Integer, Long> bin : bins.entrySet()) {
      xs[i] = Math.pow(10, (bin.getKey() + 0.5) / 20) / 1e6;
      ys[i] = 100.0 * bin.getValue() / Math.max(1, histogram.count());
      i++;
    }
    return new Svg.Series(name, xs, ys);
  }

  /** A run's counts per second but the last, which is usually partial. */
  static List<Long> wholeSeconds(List<Long> perSecond) {
    return perSecond.subList(0, Math.max(0, perSecond.size() - 1));
  }

  /** One point per second given, at 1, 2, 3, …; callers leave out partial seconds ({@link #wholeSeconds}). */
  static Svg.Series perSecondSeries(String name, List<Long> perSecond) {
    int points = perSecond.size();
    double[] xs = new double[points];
    double[] ys = new double[points];
    for (int i = 0; i < points; i++) {
      xs[i] = i + 1;
      ys[i] = perSecond.get(i);
    }
    return new Svg.Series(name, xs, ys);
  }

  static void row(StringBuilder html, String... cells) {
    html.append("<tr>");
    for (String cell : cells) {
      html.append("<td>").append(Svg.escape(cell)).append("</td>");
    }
    html.append("</tr>");
  }
}
