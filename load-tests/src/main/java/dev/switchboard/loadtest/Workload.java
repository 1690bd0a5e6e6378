package dev.switchboard.loadtest;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * What the simulated agents do.
 *
 * @param agents concurrent agents, each with its own session
 * @param inFlight requests in flight per session, each on its own connection
 * @param sameIds every request of a session carries JSON-RPC id 1, concurrently (some clients do)
 * @param payloadBytes size of the echo payload
 * @param echoWeight share of echo calls in the mix
 * @param streamWeight share of streaming calls (progress events, then the result)
 * @param largeWeight share of calls with a large result
 * @param largeBytes size of the large result
 * @param streamSteps progress events per streaming call
 * @param callsPerSession calls before the agent ends its session and opens another; 0 for the whole run
 * @param abandonFraction share of sessions left without DELETE
 * @param protocolVersion the revision asked for in initialize
 * @param warmup time before measuring
 * @param duration time measured
 */
record Workload(int agents, int inFlight, boolean sameIds, int payloadBytes, int echoWeight, int streamWeight,
    int largeWeight, int largeBytes, int streamSteps, long callsPerSession, double abandonFraction,
    String protocolVersion, Duration warmup, Duration duration) {

  Workload {
    if (agents < 1 || inFlight < 1) {
      throw new IllegalArgumentException("agents and in-flight must be at least 1");
    }
    if (echoWeight < 0 || streamWeight < 0 || largeWeight < 0 || echoWeight + streamWeight + largeWeight == 0) {
      throw new IllegalArgumentException("the mix needs at least one operation with a positive weight");
    }
    if (abandonFraction < 0 || abandonFraction > 1) {
      throw new IllegalArgumentException("the abandon fraction must be between 0 and 1, was " + abandonFraction);
    }
    if (payloadBytes < 64) {
      throw new IllegalArgumentException("the payload must be at least 64 bytes, was " + payloadBytes);
    }
  }

  /** The same workload with other warm-up and measured times. */
  Workload withTimes(Duration warmup, Duration duration) {
    return new Workload(agents, inFlight, sameIds, payloadBytes, echoWeight, streamWeight, largeWeight, largeBytes,
        streamSteps, callsPerSession, abandonFraction, protocolVersion, warmup, duration);
  }

  boolean echoOnly() {
    return streamWeight == 0 && largeWeight == 0;
  }

  Op pick(SplittableRandom random) {
    int roll = random.nextInt(echoWeight + streamWeight + largeWeight);
    if (roll < echoWeight) {
      return Op.ECHO;
    }
    return roll < echoWeight + streamWeight ? Op.STREAM : Op.LARGE;
  }

  String mixText() {
    StringBuilder mix = new StringBuilder();
    if (echoWeight > 0) {
      mix.append("echo=").append(echoWeight);
    }
    if (streamWeight > 0) {
      mix.append(mix.length() > 0 ? "," : "").append("stream=").append(streamWeight);
    }
    if (largeWeight > 0) {
      mix.append(mix.length() > 0 ? "," : "").append("large=").append(largeWeight);
    }
    return mix.toString();
  }

  String describe() {
    return agents + " agents × " + inFlight + " in flight" + (sameIds && inFlight > 1 ? " (same ids)" : "")
        + ", mix " + mixText() + ", payload " + payloadBytes + " B"
        + (largeWeight > 0 ? ", large " + largeBytes + " B" : "")
        + ", " + (callsPerSession == 0 ? "one session per agent" : callsPerSession + " calls per session")
        + (abandonFraction > 0 ? ", " + Math.round(abandonFraction * 100) + "% abandoned" : "");
  }
}
