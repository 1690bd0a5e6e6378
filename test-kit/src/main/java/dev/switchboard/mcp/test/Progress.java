package dev.switchboard.mcp.test;

/**
 * One {@code notifications/progress} a request received.
 *
 * @param progress the progress so far
 * @param total the total, or null when the server did not say
 * @param message the message, or null
 */
public record Progress(double progress, Double total, String message) {}
