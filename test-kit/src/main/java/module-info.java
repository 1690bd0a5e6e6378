/**
 * The Switchboard test kit: MCP servers tested over the real wire, in both eras. Everything is in
 * {@link dev.switchboard.mcp.test}.
 */
module dev.switchboard.mcp.test {
  requires transitive dev.switchboard.mcp;
  requires transitive org.junit.jupiter.api;
  requires transitive java.net.http;

  exports dev.switchboard.mcp.test;
}
