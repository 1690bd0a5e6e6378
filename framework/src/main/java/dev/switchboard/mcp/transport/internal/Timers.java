package dev.switchboard.mcp.transport.internal;

import dev.switchboard.mcp.server.TimeSource;

/**
 * The endpoint's timer thread (SSE heartbeats, polling disconnects) and the sweep that finds calls
 * running long on it.
 *
 * @param time the server's clock and timers
 * @param slowCalls calls watched for running past the heartbeat interval
 */
record Timers(TimeSource time, SlowCalls slowCalls) {}
