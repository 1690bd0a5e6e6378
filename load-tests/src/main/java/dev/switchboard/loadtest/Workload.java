package dev.switchboard.loadtest;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * What the simulated agents do.
 *
 * @param agents concurrent agents, each with its own session (or, stateless, its own connections)
 * @param inFlight requests in flight per agent, each on its own connection
 * @param sameIds every request of an agent carries JSON-RPC id 1, concurrently (some clients do)
 * @param payloadBytes size of the echo payload
 * @param echoWeight share of echo calls in the mix
 * @param streamWeight share of streaming calls (progress events, then the result)
 * @param largeWeight share of calls with a large result
 * @param mrtrWeight share of multi-round calls (the tool asks, the client answers in a retry); stateless only
 * @param largeBytes size of the large result
 * @param streamSteps progress events per streaming call
 * @param callsPerSession calls before the agent ends its session and opens another; 0 for the whole run
 *     (and always 0 without sessions)
 * @param abandonFraction share of sessions left without DELETE (0 without sessions)
 * @param protocolVersion the revision asked for in initialize, or sent with every request when stateless
 * @param warmup time before measuring
 * @param duration time measured
 */
record Workload(int agents, int inFlight, boolean sameIds, int payloadBytes, int echoWeight, int streamWeight,
    int largeWeight, int mrtrWeight, int largeBytes, int streamSteps, long callsPerSession, double abandonFraction,
    String protocolVersion, Duration warmup, Duration duration) {

  Workload {
    if (agents < 1 || inFlight < 1) {
      throw new IllegalArgumentException("agents and in-flight must be at least 1");
    }
    if (echoWeight < 0 || streamWeight < 0 || largeWeight < 0 || mrtrWeight < 0
        || echoWeight + streamWeight + largeWeight + mrtrWeight == 0) {
      throw new IllegalArgumentException("the mix needs at least one operation with a positive weight");
    }
    if (abandonFraction < 0 || abandonFraction > 1) {
      throw new IllegalArgumentException("the abandon fraction must be between 0 and 1, was " + abandonFraction);
    }
    if (payloadBytes < 64) {
      throw new IllegalArgumentException("the payload must be at least 64 bytes, was " + payloadBytes);
    }
    boolean stateless = Wire.isStateless(protocolVersion);
    if (mrtrWeight > 0 && !stateless) {
      // on a session the question travels on the call's stream and the answer in a POST of its own,
      // which the agents do not do
      throw new IllegalArgumentException("mrtr in --mix needs --protocol-version " + Wire.STATELESS_REVISION
          + ", was " + protocolVersion);
    }
    if (stateless && (abandonFraction > 0 || callsPerSession > 0)) {
      throw new IllegalArgumentException(protocolVersion + " has no sessions to end or abandon");
    }
  }

  /** The same workload with other warm-up and measured times. */
  Workload withTimes(Duration warmup, Duration duration) {
    return new Workload(agents, inFlight, sameIds, payloadBytes, echoWeight, streamWeight, largeWeight, mrtrWeight,
        largeBytes, streamSteps, callsPerSession, abandonFraction, protocolVersion, warmup, duration);
  }

  /** Whether requests go without a session, each carrying the revision and the client (2026-07-28). */
  boolean stateless() {
    return Wire.isStateless(protocolVersion);
  }

  boolean echoOnly() {
    return streamWeight == 0 && largeWeight == 0 && mrtrWeight == 0;
  }

  Op pick(SplittableRandom random) {
    int roll = random.nextInt(echoWeight + streamWeight + largeWeight + mrtrWeight);
    if (roll < echoWeight) {
      return Op.ECHO;
    }
    if (roll < echoWeight + streamWeight) {
      return Op.STREAM;
    }
    return roll < echoWeight + streamWeight + largeWeight ? Op.LARGE : Op.MRTR;
  }

  String mixText() {
    StringBuilder mix = new StringBuilder();
    String[] names = {"echo", "stream", "large", "mrtr"};
    int[] weights = {echoWeight, streamWeight, largeWeight, mrtrWeight};
    for (int i = 0; i < names.length; i++) {
      if (weights[i] > 0) {
        mix.append(mix.length() > 0 ? "," : "").append(names[i]).append('=').append(weights[i]);
      }
    }
    return mix.toString();
  }

  /** The agents and their calls, without what becomes of sessions. */
  String describeCalls() {
    return agents + " agents × " + inFlight + " in flight" + (sameIds && inFlight > 1 ? " (same ids)" : "")
        + ", mix " + mixText() + ", payload " + payloadBytes + " B"
        + (largeWeight > 0 ? ", large " + largeBytes + " B" : "");
  }

  String describe() {
    return describeCalls()
        + (stateless() ? ", " + protocolVersion + " without sessions"
            : ", " + (callsPerSession == 0 ? "one session per agent" : callsPerSession + " calls per session")
                + (abandonFraction > 0 ? ", " + Math.round(abandonFraction * 100) + "% abandoned" : ""));
  }
}
