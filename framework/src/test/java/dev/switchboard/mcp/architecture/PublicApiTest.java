package dev.switchboard.mcp.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The golden file of the public API: every public and protected signature of the packages the
 * module exports, in a stable text form, compared with {@code src/test/resources/public-api.txt}. A
 * change to the API is a reviewed diff of that file: rewrite it with
 * {@code mvn test -pl framework -Dtest=PublicApiTest -Dapi.update=true} and commit it with the change.
 */
class PublicApiTest {
  private static final Path CLASSES = Path.of("target", "classes");
  private static final Path GOLDEN = Path.of("src", "test", "resources", "public-api.txt");

  @Test
  void thePublicApiIsTheReviewedOne() throws Exception {
    String actual = describeApi();
    if (Boolean.getBoolean("api.update")) {
      Files.writeString(GOLDEN, actual);
    }
    String expected = Files.exists(GOLDEN) ? Files.readString(GOLDEN) : "";
    assertEquals(expected, actual, "the public API changed: review the difference, then rewrite " + GOLDEN
        + " with -Dapi.update=true and commit it with the change");
  }

  @Test
  void noPublicSignatureMentionsAnInternalType() throws Exception {
    List<String> leaks = describeApi().lines().filter(line -> line.contains(".internal.")).toList();
    assertEquals(List.of(), leaks, "the API exposes types users cannot rely on");
  }

  @Test
  void theModuleExportsNoInternalPackage() {
    ModuleDescriptor module = descriptor();
    for (ModuleDescriptor.Exports exports : module.exports()) {
      assertFalse(exports.source().contains("internal"), exports.source());
      assertFalse(exports.isQualified(), "exported to everyone or to no one: " + exports);
    }
  }

  static ModuleDescriptor descriptor() {
    return ModuleFinder.of(CLASSES).findAll().iterator().next().descriptor();
  }

  static String describeApi() throws IOException, ClassNotFoundException {
    return ApiSignatures.describe(CLASSES, descriptor());
  }
}
