package dev.switchboard.mcp.annotations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.server.McpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/** A bad declaration fails the build at once, and the message names the class and method. */
class RegistrationErrorsTest {
  private static IllegalArgumentException refused(Object... handlers) {
    return assertThrows(IllegalArgumentException.class,
        () -> McpServer.builder("t", "1").register(handlers).build());
  }

  private static void assertMentions(IllegalArgumentException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
    }
  }

  static class One {
    @McpTool
    public String lookup(String key) {
      return key;
    }
  }

  static class Two {
    @McpTool(name = "lookup")
    public String find(String key) {
      return key;
    }
  }

  @Test
  void aDuplicateToolNameNamesBothDeclarations() {
    assertMentions(refused(new One(), new Two()), "'lookup'", "RegistrationErrorsTest$One#lookup",
        "RegistrationErrorsTest$Two#find");
  }

  @Test
  void aProgrammaticToolCannotReuseAnAnnotatedName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> McpServer.builder("t", "1")
        .register(new One()).tool(Tool.builder("lookup").build(), (a, c) -> CallToolResult.text("")));
    assertMentions(e, "'lookup'", "One#lookup");
  }

  static class BadName {
    @McpTool(name = "has space")
    public String tool() {
      return "";
    }
  }

  @Test
  void anInvalidToolNameIsRefused() {
    assertMentions(refused(new BadName()), "BadName#tool", "'has space'", "1 to 128");
  }

  interface Shape {}

  static class BadParameter {
    @McpTool
    public String draw(Shape shape) {
      return "";
    }
  }

  @Test
  void anUnsupportedParameterTypeIsRefused() {
    assertMentions(refused(new BadParameter()), "BadParameter#draw", "Shape");
  }

  static class BadReturns {
    @McpTool
    public Optional<String> maybe() {
      return Optional.empty();
    }
  }

  static class AsyncReturn {
    @McpTool
    public CompletableFuture<String> later() {
      return CompletableFuture.completedFuture("");
    }
  }

  static class FutureParameter {
    @McpTool
    public String wait(Future<String> value) {
      return "";
    }
  }

  @Test
  void unsupportedReturnTypesAreRefused() {
    assertMentions(refused(new BadReturns()), "BadReturns#maybe", "Optional");
    assertMentions(refused(new AsyncReturn()), "AsyncReturn#later", "CompletableFuture");
    assertMentions(refused(new FutureParameter()), "FutureParameter#wait", "Future");
  }

  static class Twice {
    @McpTool
    @McpPrompt
    public String both() {
      return "";
    }
  }

  @Test
  void aMethodIsOnlyOneKindOfHandler() {
    assertMentions(refused(new Twice()), "Twice#both", "only one of");
  }

  static class OptionalPrimitive {
    @McpTool
    public String count(@McpParam(required = false) int n) {
      return "";
    }
  }

  @Test
  void anOptionalPrimitiveNeedsADefault() {
    assertMentions(refused(new OptionalPrimitive()), "OptionalPrimitive#count", "'n'", "defaultValue");
  }

  static class StrayVariable {
    @McpResource(uri = "db://tables/{name}")
    public String table(String table) {
      return "";
    }
  }

  @Test
  void aResourceParameterMustBeATemplateVariable() {
    assertMentions(refused(new StrayVariable()), "StrayVariable#table", "'table'", "db://tables/{name}");
  }

  static class BadCompletion {
    @McpComplete(prompt = "p", argument = "a")
    public List<String> complete(int value) {
      return List.of();
    }
  }

  static class OrphanCompletion {
    @McpComplete(prompt = "nowhere", argument = "a")
    public List<String> complete(String value) {
      return List.of();
    }
  }

  @Test
  void completionsAreCheckedToo() {
    assertMentions(refused(new BadCompletion()), "BadCompletion#complete", "String value");
    assertMentions(refused(new OrphanCompletion()), "unknown prompt", "nowhere");
  }

  static class Instance {
    @McpTool
    public String hello() {
      return "";
    }
  }

  @Test
  void aClassCanOnlyOfferStaticMethods() {
    assertMentions(refused(Instance.class), "Instance#hello", "register an instance");
  }

  @Test
  void parametersWithoutNamesAskForMinusParameters() throws Exception {
    Class<?> compiled = compileWithoutParameterNames("""
        package generated;
        public class NoNames {
          @dev.switchboard.mcp.annotations.McpTool
          public String echo(String text) { return text; }
        }""", "generated.NoNames");
    IllegalArgumentException e = refused(compiled.getConstructor().newInstance());
    assertMentions(e, "generated.NoNames#echo", "-parameters", "@McpParam(name");
  }

  @Test
  void aNamedParameterNeedsNoMinusParameters() throws Exception {
    Class<?> compiled = compileWithoutParameterNames("""
        package generated;
        public class Named {
          @dev.switchboard.mcp.annotations.McpTool
          public String echo(@dev.switchboard.mcp.annotations.McpParam(name = "text") String text) { return text; }
        }""", "generated.Named");
    McpServer server = McpServer.builder("t", "1").register(compiled.getConstructor().newInstance()).build();
    assertEquals(List.of("text"), List.copyOf(server.tools().get(0).inputSchema().get("properties").propertyNames()));
  }

  private static Class<?> compileWithoutParameterNames(String source, String className)
      throws IOException, ClassNotFoundException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    Path out = Files.createTempDirectory("no-parameters");
    JavaFileObject unit = new SimpleJavaFileObject(
        URI.create("string:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    boolean ok = compiler.getTask(null, null, null,
        List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString()), null, List.of(unit)).call();
    assertTrue(ok, "fixture compiles");
    return new URLClassLoader(new java.net.URL[] {out.toUri().toURL()}, RegistrationErrorsTest.class.getClassLoader())
        .loadClass(className);
  }
}
