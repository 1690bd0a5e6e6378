package dev.switchboard.mcp.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
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

/**
 * Every public and protected signature of a module's exported packages, in a stable text form: what the
 * golden API files of the framework and of the test kit hold.
 */
public final class ApiSignatures {
  private ApiSignatures() {}

  /**
   * Checks a module's API against its golden file, which {@code -Dapi.update=true} rewrites first.
   *
   * @param actual the API as {@link #describe} gives it
   * @param golden the reviewed file
   */
  public static void assertGolden(String actual, Path golden) throws IOException {
    if (Boolean.getBoolean("api.update")) {
      Files.writeString(golden, actual);
    }
    String expected = Files.exists(golden) ? Files.readString(golden) : "";
    assertEquals(expected, actual, "the public API changed: review the difference, then rewrite " + golden
        + " with -Dapi.update=true and commit it with the change");
  }

  /** Checks that no public signature names an internal type. */
  public static void assertNoInternalTypes(String api) {
    List<String> leaks = api.lines().filter(line -> line.contains(".internal.")).toList();
    assertEquals(List.of(), leaks, "the API exposes types users cannot rely on");
  }

  /** Checks that a module exports no internal package, and every package to everyone. */
  public static void assertNoInternalExports(ModuleDescriptor module) {
    for (ModuleDescriptor.Exports exports : module.exports()) {
      assertFalse(exports.source().contains("internal"), exports.source());
      assertFalse(exports.isQualified(), "exported to everyone or to no one: " + exports);
    }
  }

  /**
   * Describes the API of a module's compiled classes.
   *
   * @param compiled the folder of the compiled classes
   * @param module the module's descriptor, for its exported packages
   * @return a header per public type, then its members, everything sorted
   */
  public static String describe(Path compiled, ModuleDescriptor module) throws IOException, ClassNotFoundException {
    StringBuilder out = new StringBuilder();
    List<String> packages = module.exports().stream().map(ModuleDescriptor.Exports::source).sorted().toList();
    int types = 0;
    for (String pkg : packages) {
      List<Class<?>> classes = new ArrayList<>();
      try (Stream<Path> files = Files.list(compiled.resolve(pkg.replace('.', '/')))) {
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
      header.append(Arrays.stream(type.getRecordComponents()).map(ApiSignatures::component)
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
