package dev.switchboard.loadtest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test whose Debian package is not installed, and says so once on the build's output (JUnit
 * alone would only count the skip). {@code .ci/run} installs them, so CI always runs these tests.
 */
final class Installed {
  private static final Set<String> TOLD = ConcurrentHashMap.newKeySet();

  private Installed() {}

  /** Aborts the calling test unless {@code binary} is there. */
  static void require(Path binary, String debianPackage) {
    if (!Files.isExecutable(binary)) {
      String reason = binary + " is missing (apt-get install " + debianPackage + ")";
      if (TOLD.add(debianPackage)) {
        System.err.println("SKIPPED: the load-tests' fleet tests need " + debianPackage + ": " + reason);
      }
      Assumptions.abort(reason);
    }
  }
}
