package dev.switchboard.docs;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/** Extracts the Java code blocks of a Markdown file and compiles them exactly as written. */
final class JavaSnippets {
  private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern CLASS_NAME = Pattern.compile("(?m)^public (?:final )?class (\\w+)");

  private JavaSnippets() {}

  static Path docsRoot() {
    return Path.of(System.getProperty("docs.root", "..")).toAbsolutePath().normalize();
  }

  /** The Java code blocks that declare a public class, in order. */
  static List<String> classesIn(Path markdown) throws IOException {
    List<String> blocks = new ArrayList<>();
    Matcher matcher = BLOCK.matcher(Files.readString(markdown));
    while (matcher.find()) {
      if (CLASS_NAME.matcher(matcher.group(1)).find()) {
        blocks.add(matcher.group(1));
      }
    }
    return blocks;
  }

  /** Whether a snippet is a JUnit test class (written with the test kit), not an example server. */
  static boolean isTest(String source) {
    return source.contains("@McpServerTest") || source.contains("@Test") || source.contains("@BothEras");
  }

  /** Compiles the sources against the test class path and returns a loader for the result. */
  static ClassLoader compile(List<String> sources) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    Path out = Files.createTempDirectory("snippets");
    List<JavaFileObject> units = new ArrayList<>();
    for (String source : sources) {
      Matcher name = CLASS_NAME.matcher(source);
      if (!name.find()) {
        throw new IllegalArgumentException("no public class in snippet:\n" + source);
      }
      units.add(new SimpleJavaFileObject(URI.create("string:///" + name.group(1) + ".java"), JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return source;
        }
      });
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
      // As the README tells users to: -parameters, so annotated methods' parameter names are kept.
      List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "--release", "17",
          "-parameters", "-Xlint:all", "-Werror");
      boolean ok = compiler.getTask(null, files, diagnostics, options, null, units).call();
      if (!ok) {
        StringBuilder report = new StringBuilder("documentation snippets do not compile:\n");
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
          report.append(d.getSource() == null ? "" : d.getSource().getName()).append(':').append(d.getLineNumber())
              .append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
        }
        throw new AssertionError(report.toString());
      }
    }
    return new URLClassLoader(new URL[] {out.toUri().toURL()}, JavaSnippets.class.getClassLoader());
  }
}
