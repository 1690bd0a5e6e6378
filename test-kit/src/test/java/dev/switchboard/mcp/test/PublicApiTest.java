package dev.switchboard.mcp.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.architecture.ApiSignatures;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The golden file of the test kit's public API: every public and protected signature of the packages the
 * module exports, in a stable text form, compared with {@code src/test/resources/public-api.txt}. A
 * change to the API is a reviewed diff of that file: rewrite it with
 * {@code mvn test -pl test-kit -Dtest=PublicApiTest -Dapi.update=true} and commit it with the change.
 */
class PublicApiTest {
  private static final Path CLASSES = Path.of("target", "classes");
  private static final Path GOLDEN = Path.of("src", "test", "resources", "public-api.txt");
  private static final String MODULE = "dev.switchboard.mcp.test";

  @Test
  void thePublicApiIsTheReviewedOne() throws Exception {
    ApiSignatures.assertGolden(describeApi(), GOLDEN);
  }

  @Test
  void noPublicSignatureMentionsAnInternalType() throws Exception {
    ApiSignatures.assertNoInternalTypes(describeApi());
  }

  @Test
  void theModuleExportsNoInternalPackage() {
    ApiSignatures.assertNoInternalExports(descriptor());
  }

  @Test
  void theKitUsesNoInternalPackageOfTheFramework() throws IOException {
    List<String> users = new ArrayList<>();
    try (Stream<Path> files = Files.walk(CLASSES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        // A class file names every class it refers to in its constant pool, as dev/switchboard/....
        String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        if (text.contains("dev/switchboard/mcp/") && text.matches("(?s).*dev/switchboard/mcp/[a-z/]*internal/.*")) {
          users.add(CLASSES.relativize(file).toString());
        }
      }
    }
    assertEquals(List.of(), users, "the kit is written on the framework's exported API only");
  }

  @Test
  void theKitResolvesOnTheModulePath() {
    List<Path> paths = new ArrayList<>();
    paths.add(CLASSES);
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      // Not the framework's test classes: a user's module path has no such jar, and as an automatic
      // module (resolved with the automatic modules the framework requires) it splits the framework's packages.
      if (entry.endsWith(".jar") && !entry.endsWith("-tests.jar")) {
        paths.add(Path.of(entry));
      }
    }
    java.lang.module.Configuration configuration = ModuleLayer.boot().configuration()
        .resolve(ModuleFinder.of(paths.toArray(Path[]::new)), ModuleFinder.of(), java.util.Set.of(MODULE));
    assertTrue(configuration.findModule("dev.switchboard.mcp").isPresent());
    assertTrue(descriptor().exports().stream().anyMatch(e -> e.source().equals("dev.switchboard.mcp.test")));
  }

  static ModuleDescriptor descriptor() {
    return ModuleFinder.of(CLASSES).find(MODULE).orElseThrow().descriptor();
  }

  static String describeApi() throws IOException, ClassNotFoundException {
    return ApiSignatures.describe(CLASSES, descriptor());
  }
}
