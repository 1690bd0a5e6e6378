package dev.switchboard.mcp.architecture;


import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
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

  static ModuleDescriptor descriptor() {
    return ModuleFinder.of(CLASSES).findAll().iterator().next().descriptor();
  }

  static String describeApi() throws IOException, ClassNotFoundException {
    return ApiSignatures.describe(CLASSES, descriptor());
  }
}
