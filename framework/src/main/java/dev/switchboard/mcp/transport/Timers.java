package dev.switchboard.mcp.transport;

import java.util.concurrent.ScheduledExecutorService;

/**
 * The endpoint's timer thread (SSE heartbeats, polling disconnects) and the sweep that finds calls
 * running long on it.
 *
 * @param scheduler the timer thread
 * @param slowCalls calls watched for running past the heartbeat interval
 */
record Timers(ScheduledExecutorService scheduler, SlowCalls slowCalls) {}
