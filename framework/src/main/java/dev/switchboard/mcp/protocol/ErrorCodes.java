package dev.switchboard.mcp.protocol;

/**
 * JSON-RPC 2.0 and MCP error codes. Codes from -32000 to -32019 are implementation-defined in the
 * older revisions and reserved from 2026-07-28 on, so the framework never emits them.
 */
public final class ErrorCodes {
  /** Invalid JSON was received. */
  public static final int PARSE_ERROR = -32700;
  /** The JSON is not a valid JSON-RPC message, or the request cannot be accepted as sent. */
  public static final int INVALID_REQUEST = -32600;
  /** The method does not exist or is not offered. */
  public static final int METHOD_NOT_FOUND = -32601;
  /** Invalid method parameters: unknown tool, bad cursor, missing argument. */
  public static final int INVALID_PARAMS = -32602;
  /** An internal error; its details stay in the server's log. */
  public static final int INTERNAL_ERROR = -32603;
  /** MCP (up to 2025-11-25): the resource does not exist. */
  public static final int RESOURCE_NOT_FOUND = -32002;
  /** MCP 2025-11-25: the request needs a URL-mode elicitation first. */
  public static final int URL_ELICITATION_REQUIRED = -32042;
  /** MCP 2026-07-28: a required header is missing, invalid, or disagrees with the body. */
  public static final int HEADER_MISMATCH = -32020;
  /** MCP 2026-07-28: the request needs a client capability that was not declared. */
  public static final int MISSING_REQUIRED_CLIENT_CAPABILITY = -32021;
  /** MCP 2026-07-28: the requested protocol version is not supported. */
  public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

  private ErrorCodes() {}
}
