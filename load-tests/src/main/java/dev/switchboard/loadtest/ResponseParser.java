package dev.switchboard.loadtest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses the HTTP/1.1 responses one connection reads: status line, the headers the harness needs,
 * and bodies with Content-Length or chunked transfer coding. Bytes are parsed where they were read,
 * without copying them into strings until a part is complete.
 */
final class ResponseParser {
  private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};
  private static final byte[] LINE_END = {'\r', '\n'};
  private byte[] in = new byte[16 * 1024];
  /** Wraps {@link #in}; rewrapped only when it grows, not on every read. */
  private ByteBuffer readInto = ByteBuffer.wrap(in);
  private int length;
  private boolean headersDone;
  private int status;
  private String contentType;
  private String sessionId;
  private boolean closeAfterResponse;
  private int contentLength;
  private boolean chunked;
  private int bodyStart;
  private ByteArrayOutputStream chunks;

  /** Forgets the previous response's headers, before a new request on the connection. */
  void expectResponse() {
    headersDone = false;
    chunks = null;
  }

  /** Where the next read goes; grows when full, so a large body fits. */
  ByteBuffer readBuffer() {
    if (length == in.length) {
      in = Arrays.copyOf(in, in.length * 2);
      readInto = ByteBuffer.wrap(in);
    }
    readInto.clear().position(length);
    return readInto;
  }

  void bytesRead(int count) {
    length += count;
  }

  boolean headersDone() {
    return headersDone;
  }

  int status() {
    return status;
  }

  boolean closeAfterResponse() {
    return closeAfterResponse;
  }

  /** Parses the status line and headers once they are all in; returns whether they are. */
  boolean parseHeaders() {
    int end = indexOf(in, 0, length, HEADER_END);
    if (end < 0) {
      return false;
    }
    String head = new String(in, 0, end, StandardCharsets.ISO_8859_1);
    status = Integer.parseInt(head, 9, 12, 10);
    contentLength = 0;
    chunked = false;
    contentType = "";
    sessionId = null;
    closeAfterResponse = false;
    int line = head.indexOf('\n') + 1;
    while (line > 0 && line < head.length()) {
      int lineEnd = head.indexOf('\r', line);
      lineEnd = lineEnd < 0 ? head.length() : lineEnd;
      int colon = head.indexOf(':', line);
      if (colon > 0 && colon < lineEnd) {
        if (isHeader(head, line, colon, "content-length")) {
          contentLength = Integer.parseInt(value(head, colon, lineEnd));
        } else if (isHeader(head, line, colon, "transfer-encoding")) {
          chunked = value(head, colon, lineEnd).equalsIgnoreCase("chunked");
        } else if (isHeader(head, line, colon, "content-type")) {
          contentType = value(head, colon, lineEnd);
        } else if (isHeader(head, line, colon, "mcp-session-id")) {
          sessionId = value(head, colon, lineEnd);
        } else if (isHeader(head, line, colon, "connection")) {
          closeAfterResponse = value(head, colon, lineEnd).equalsIgnoreCase("close");
        }
      }
      line = lineEnd + 2;
    }
    headersDone = true;
    bodyStart = end + 4;
    return true;
  }

  private static boolean isHeader(String head, int start, int colon, String name) {
    return colon - start == name.length() && head.regionMatches(true, start, name, 0, name.length());
  }

  /** A header's value, cut out only for the headers the harness reads (a server may send many others). */
  private static String value(String head, int colon, int lineEnd) {
    return head.substring(colon + 1, lineEnd).trim();
  }

  /** Drops what was read: the body of an endless stream is not kept. */
  void discardBody() {
    length = 0;
    bodyStart = 0;
  }

  /** Returns the complete response once its whole body is in, else null. */
  HttpEngine.Response response() {
    byte[] body;
    if (chunked) {
      body = parseChunks();
    } else if (length - bodyStart >= contentLength) {
      body = Arrays.copyOfRange(in, bodyStart, bodyStart + contentLength);
      consume(bodyStart + contentLength);
    } else {
      body = null;
    }
    return body == null ? null : new HttpEngine.Response(status, contentType, sessionId, body);
  }

  /** Decodes whole chunks; returns the body once the last chunk arrived, else null. */
  private byte[] parseChunks() {
    if (chunks == null) {
      chunks = new ByteArrayOutputStream(256);
    }
    int at = bodyStart;
    while (true) {
      int lineEnd = indexOf(in, at, length, LINE_END);
      if (lineEnd < 0) {
        break;
      }
      String sizeText = new String(in, at, lineEnd - at, StandardCharsets.ISO_8859_1);
      int semicolon = sizeText.indexOf(';');
      int size = Integer.parseInt((semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        if (length < lineEnd + 4) {
          break; // wait for the empty line that ends the chunked body
        }
        consume(lineEnd + 4);
        byte[] body = chunks.toByteArray();
        chunks = null;
        return body;
      }
      if (length < lineEnd + 2 + size + 2) {
        break;
      }
      chunks.write(in, lineEnd + 2, size);
      at = lineEnd + 2 + size + 2;
    }
    consume(at);
    return null;
  }

  private void consume(int upTo) {
    System.arraycopy(in, upTo, in, 0, length - upTo);
    length -= upTo;
    bodyStart = 0;
  }

  static int indexOf(byte[] data, int from, int to, byte[] pattern) {
    outer:
    for (int i = from; i <= to - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
