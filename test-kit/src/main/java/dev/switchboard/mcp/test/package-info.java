/**
 * Tests of MCP servers over the real wire, in both eras.
 *
 * <ul>
 *   <li>{@link dev.switchboard.mcp.test.McpTestServer}: a server on 127.0.0.1 and a random port in one line, and
 *       {@link dev.switchboard.mcp.test.McpServerTest} to have JUnit start it, stop it and inject clients
 *       ({@link dev.switchboard.mcp.test.BothEras} runs a test once per era);
 *   <li>{@link dev.switchboard.mcp.test.McpTestClient}: a client of sessions (2025) or stateless requests
 *       (2026-07-28) that keeps every {@link dev.switchboard.mcp.test.Exchange};
 *   <li>{@link dev.switchboard.mcp.test.ClientScript}: the test's answers to the server's questions
 *       (elicitation, sampling, roots), the same code for both eras;
 *   <li>{@link dev.switchboard.mcp.test.McpAssertions}: fluent assertions on results and on tools' schemas;
 *   <li>{@link dev.switchboard.mcp.test.SurfaceSnapshot}: the server's surface against a checked-in file;
 *   <li>{@link dev.switchboard.mcp.test.ManyAgents}: many clients at once, every reply checked to reach its caller;
 *   <li>{@link dev.switchboard.mcp.test.TestClock}: time that moves when the test says.
 * </ul>
 */
package dev.switchboard.mcp.test;
