package dev.switchboard.mcp.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
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
      if (entry.endsWith(".jar")) {
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

  /** The API as text: a header per public type, then its members, everything sorted. */
  static String describeApi() throws IOException, ClassNotFoundException {
    StringBuilder out = new StringBuilder();
    List<String> packages = descriptor().exports().stream().map(ModuleDescriptor.Exports::source).sorted().toList();
    int types = 0;
    for (String pkg : packages) {
      List<Class<?>> classes = new ArrayList<>();
      try (Stream<Path> files = Files.list(CLASSES.resolve(pkg.replace('.', '/')))) {
        for (Path file : files.sorted().toList()) {
          String name = file.getFileName().toString();
          if (name.endsWith(".class") && !name.contains("$") && !name.equals("package-info.class")) {
            classes.add(Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length())));
          }
        }
      }
      for (Class<?> type : classes) {
        types += describe(type, out);
      }
    }
    return "# " + types + " public types in " + packages.size() + " exported packages\n" + out;
  }

  private static int describe(Class<?> type, StringBuilder out) {
    if (!isVisible(type.getModifiers())) {
      return 0;
    }
    out.append('\n').append(header(type)).append('\n');
    TreeSet<String> members = new TreeSet<>();
    for (Field field : type.getDeclaredFields()) {
      if (isApi(field)) {
        members.add(field.toGenericString());
      }
    }
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (isApi(constructor)) {
        members.add(constructor.toGenericString());
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (isApi(method) && !method.isBridge()) {
        String text = method.toGenericString();
        if (method.getDefaultValue() != null) {
          text += " default " + defaultText(method.getDefaultValue());
        }
        members.add(text);
      }
    }
    members.forEach(member -> out.append("  ").append(member).append('\n'));
    int count = 1;
    Class<?>[] nested = type.getDeclaredClasses();
    Arrays.sort(nested, (a, b) -> a.getName().compareTo(b.getName()));
    for (Class<?> inner : nested) {
      count += describe(inner, out);
    }
    return count;
  }

  private static String header(Class<?> type) {
    StringBuilder header = new StringBuilder(type.toGenericString());
    if (type.isRecord()) {
      header.append(Arrays.stream(type.getRecordComponents()).map(PublicApiTest::component)
          .collect(Collectors.joining(", ", "(", ")")));
    }
    Type superclass = type.getGenericSuperclass();
    if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
      header.append(" extends ").append(superclass.getTypeName());
    }
    Type[] interfaces = type.getGenericInterfaces();
    if (interfaces.length > 0 && !type.isAnnotation()) {
      header.append(type.isInterface() ? " extends " : " implements ")
          .append(Arrays.stream(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
    }
    if (type.isSealed()) {
      header.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses()).map(Class::getName)
          .collect(Collectors.joining(", ")));
    }
    return header.toString();
  }

  private static String component(RecordComponent component) {
    return component.getGenericType().getTypeName() + " " + component.getName();
  }

  private static String defaultText(Object value) {
    if (value instanceof Object[] array) {
      return Arrays.toString(array);
    }
    return value instanceof String text ? '"' + text.replace("\u0000", "\\u0000") + '"' : String.valueOf(value);
  }

  private static boolean isApi(Member member) {
    return isVisible(member.getModifiers()) && !member.isSynthetic();
  }

  private static boolean isVisible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }
}
