package dev.switchboard.mcp.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The framework on the module path: its descriptor resolves against its dependencies' own modules,
 * a layer loads it, and a server is built through the exported API while the internal packages stay
 * closed. (The other tests run on the class path, where the descriptor is ignored.)
 */
class ModuleTest {
  private static final String MODULE = "dev.switchboard.mcp";

  /** The framework's classes and the jars it requires, from this test's class path. */
  private static ModuleFinder modulePath() {
    List<Path> paths = new ArrayList<>();
    paths.add(Path.of("target", "classes"));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith("jackson-") || name.startsWith("jakarta.servlet-api") || name.startsWith("jetty-")
          || name.startsWith("caffeine-") || name.startsWith("slf4j-api") || name.startsWith("jspecify-")
          || name.startsWith("nimbus-jose-jwt-") || name.startsWith("opentelemetry-api-")
          || name.startsWith("opentelemetry-context-")) {
        paths.add(Path.of(entry));
      }
    }
    return ModuleFinder.of(paths.toArray(Path[]::new));
  }

  @Test
  void theModuleResolvesLoadsAndBuildsAServerThroughItsExports() throws Exception {
    ModuleLayer boot = ModuleLayer.boot();
    Configuration configuration = boot.configuration().resolve(modulePath(), ModuleFinder.of(), Set.of(MODULE));
    ModuleLayer layer = boot.defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    Module module = layer.findModule(MODULE).orElseThrow();
    assertTrue(module.isExported("dev.switchboard.mcp.server"));
    assertFalse(module.isExported("dev.switchboard.mcp.server.internal"), "internal packages stay closed");
    ClassLoader loader = layer.findLoader(MODULE);
    Class<?> server = loader.loadClass("dev.switchboard.mcp.server.McpServer");
    assertEquals(module, server.getModule(), "loaded from the module, not the class path");
    Object builder = server.getMethod("builder", String.class, String.class).invoke(null, "modular", "1.0");
    Object built = builder.getClass().getMethod("build").invoke(builder);
    Object info = server.getMethod("serverInfo").invoke(built);
    assertEquals("modular", info.getClass().getMethod("name").invoke(info));
  }
}
