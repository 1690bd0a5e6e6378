package dev.switchboard.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What checking access tokens costs per call. One Switchboard server, in a JVM of its own, serves the
 * same tools at two endpoints that differ only in authorization: {@code /mcp} checks nothing, and
 * {@code /mcp-auth} is an OAuth resource server whose {@code JwtTokenVerifier} checks an RS256 JWT on
 * every request (signature, issuer, audience, expiry) with the keys of a {@link TokenIssuer} in this
 * process, fetched over HTTP. The comparison workload runs against each endpoint in alternating
 * rounds: one JVM, so both run on the same JIT-compiled code, heap and Jetty, and the process's CPU in
 * each endpoint's rounds, divided by its calls, is what a call costs there. On the protected endpoint
 * each agent sends the token it got as it started (its own subject, the endpoint as audience).
 */
final class AuthCost {
  static final String OPEN = "no authorization";
  static final String CHECKED = "JWT RS256";

  private AuthCost() {}

  /**
   * What the rounds measured.
   *
   * @param rounds both endpoints' rounds, in the order they ran
   * @param statusWithoutToken the HTTP status the protected endpoint answered a request without a token
   *     (401 expected), checked before the rounds so that the rounds are known to measure authorization
   * @param challenged whether that answer carried a {@code WWW-Authenticate: Bearer} challenge
   * @param jwksFetches how many times the server fetched the issuer's keys over the whole run
   */
  record Result(List<RunResult> rounds, int statusWithoutToken, boolean challenged, long jwksFetches) {
    /** The two endpoints' rounds added up: without authorization first, then with. */
    List<Results.Aggregate> byTarget() {
      return Results.byTarget(rounds);
    }

    /**
     * The server CPU a call costs with a token to check, less what it costs without: the rounds'
     * process CPU (GC and JIT included) divided by their calls, endpoint by endpoint.
     */
    double addedServerCpuMicrosPerCall() {
      List<Results.Aggregate> targets = byTarget();
      return targets.size() == 2 ? targets.get(1).serverCpuMicrosPerCall() - targets.get(0).serverCpuMicrosPerCall()
          : Double.NaN;
    }

    boolean refusedWithoutToken() {
      return statusWithoutToken == 401 && challenged;
    }

    /** Nothing misrouted or failed on either endpoint, and the protected one refused a request without a token. */
    boolean clean() {
      return rounds.stream().allMatch(RunResult::clean) && refusedWithoutToken();
    }

    /** One line: the added CPU, the refusal check and the key fetches. */
    String describe() {
      return String.format(Locale.ROOT, "checking the token adds %s of server CPU per call; without a token the "
          + "protected endpoint answered %s%s; the server fetched the JWKS %d time%s",
          Report.micros(addedServerCpuMicrosPerCall()), statusWithoutToken < 0 ? "nothing" : "HTTP " + statusWithoutToken,
          challenged ? " with a Bearer challenge" : " WITHOUT a Bearer challenge", jwksFetches, jwksFetches == 1 ? "" : "s");
    }
  }

  static Result run(HttpEngine engine, Options options, ProgressLine progress) throws InterruptedException, IOException {
    Workload workload = options.comparisonWorkload(options.protocolVersion());
    try (TokenIssuer issuer = new TokenIssuer()) {
      InProcessServers.TokenCheck check = new InProcessServers.TokenCheck(issuer.issuer(), issuer.jwksUri());
      if (options.compareInProcess()) {
        try (InProcessServers servers = new InProcessServers(options.sessionTtl(), check)) {
          return measure(engine, servers.switchboard(), servers.protectedSwitchboard(), issuer, workload, options,
              progress);
        }
      }
      try (ServerProcess server = ServerProcess.start("switchboard", options.sessionTtl(), check)) {
        return measure(engine, server.target(), server.protectedTarget(), issuer, workload, options, progress);
      }
    }
  }

  private static Result measure(HttpEngine engine, Target open, Target guarded, TokenIssuer issuer, Workload workload,
      Options options, ProgressLine progress) throws InterruptedException {
    HttpResponse<String> refusal = withoutToken(guarded.endpoint(), workload.protocolVersion());
    // Agent n is subject agent-n; the audience is the endpoint's URL, the resource the server checks for.
    Target checked = guarded.named(CHECKED)
        .withBearerTokens(number -> issuer.token("agent-" + number, guarded.endpoint()));
    List<RunResult> rounds = LoadTest.alternate(engine, List.of(new LoadTest.Contender(open.named(OPEN), workload),
        new LoadTest.Contender(checked, workload)), options, progress);
    Result result = new Result(rounds, refusal == null ? -1 : refusal.statusCode(), refusal != null
        && refusal.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer "), issuer.jwksFetches());
    progress.done("[auth] " + result.describe());
    return result;
  }

  /** An {@code initialize} without a token; null when no answer came. */
  private static HttpResponse<String> withoutToken(URI endpoint, String protocolVersion) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(Wire.initialize(1, protocolVersion))).build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    }
  }
}
