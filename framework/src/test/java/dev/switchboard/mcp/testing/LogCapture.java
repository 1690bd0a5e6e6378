package dev.switchboard.mcp.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.logging.JettyLogger;
import org.eclipse.jetty.logging.StdErrAppender;
import org.slf4j.LoggerFactory;

/** Copies everything logged (through Jetty's SLF4J binding) while it is open. */
public final class LogCapture implements AutoCloseable {
  private final StdErrAppender appender;
  private final PrintStream original;
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

  public LogCapture() {
    JettyLogger logger = (JettyLogger) LoggerFactory.getLogger("dev.switchboard");
    this.appender = (StdErrAppender) logger.getAppender();
    this.original = appender.getStream();
    // A null stream means the appender writes to System.err.
    PrintStream target = original != null ? original : System.err;
    OutputStream tee = new OutputStream() {
      @Override
      public void write(int b) {
        target.write(b);
        synchronized (copy) {
          copy.write(b);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) {
        target.write(b, off, len);
        synchronized (copy) {
          copy.write(b, off, len);
        }
      }
    };
    appender.setStream(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }

  public String text() {
    synchronized (copy) {
      return copy.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    appender.setStream(original);
  }
}
