package dev.switchboard.sample;

/**
 * Command-line options of the sample server.
 *
 * @param host the address to bind
 * @param port the port; 0 picks a free one
 * @param help whether to print the usage and exit
 * @param conformance whether to serve the conformance suite's fixture surface instead of the sample
 */
record Options(String host, int port, boolean help, boolean conformance) {
  static final String USAGE = """
      usage: java -jar sample-server.jar [--host H] [--port P]
        --host H   address to listen on (default 127.0.0.1)
        --port P   port to listen on; 0 picks a free one (default 0)
        --conformance  serve the fixture surface of the official MCP conformance suite
        --help     print this help""";

  static Options parse(String[] args) {
    String host = "127.0.0.1";
    int port = 0;
    boolean help = false;
    boolean conformance = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--host" -> host = value(args, ++i, "--host");
        case "--port" -> port = port(value(args, ++i, "--port"));
        case "--help", "-h" -> help = true;
        case "--conformance" -> conformance = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new Options(host, port, help, conformance);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("--port must be between 0 and 65535, was " + value);
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port must be a number, was " + value, e);
    }
  }
}
