package dev.switchboard.sample;

import dev.switchboard.mcp.jetty.JettyMcpServer;
import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.server.McpServer;
import dev.switchboard.sample.conformance.ConformanceServer;
import java.io.PrintStream;

/**
 * A runnable MCP server with an {@code echo} tool. Prints its URL on one line when ready; stops
 * cleanly on SIGTERM.
 */
public final class SampleServer {
  private SampleServer() {}

  /**
   * Starts the server.
   *
   * @param args {@code [--host H] [--port P]}
   * @throws InterruptedException when interrupted while running
   */
  public static void main(String[] args) throws InterruptedException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("sample-server: " + e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(Options.USAGE);
      return;
    }
    McpServer server = options.conformance() ? ConformanceServer.build() : server();
    JettyMcpServer running = JettyMcpServer.builder(server).host(options.host()).port(options.port()).start();
    PrintStream out = System.out;
    out.println("MCP server listening at " + running.uri());
    out.flush();
    running.join();
  }

  /** The server definition: one {@code echo} tool. */
  static McpServer server() {
    Tool echo = Tool.builder("echo")
        .title("Echo")
        .description("Returns the text it is given.")
        .inputSchema("""
            {"type": "object",
             "properties": {"text": {"type": "string", "description": "The text to echo"}},
             "required": ["text"],
             "additionalProperties": false}""")
        .build();
    return McpServer.builder("switchboard-sample", "0.1.0")
        .title("Switchboard sample server")
        .tool(echo, (arguments, context) -> CallToolResult.text(arguments.string("text")))
        .build();
  }
}
