package dev.switchboard.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The testing page's examples, and the README's test, are JUnit test classes: each is compiled as
 * written (with the other pages' servers it tests) and run by a JUnit launcher of its own, and every
 * test in it must pass, in each era where it runs in both.
 */
class TestingPageTest {
  private static final Pattern CLASS_NAME = Pattern.compile("(?m)^public (?:final )?class (\\w+)");
  private static final String PAGE = "src-docs/testing-your-server.md";
  private static List<String> examples;
  private static ClassLoader compiled;

  @BeforeAll
  static void compile() throws Exception {
    Path root = JavaSnippets.docsRoot();
    List<String> readme = JavaSnippets.classesIn(root.resolve("README.md"));
    examples = new ArrayList<>(readme.stream().filter(JavaSnippets::isTest).toList());
    examples.addAll(JavaSnippets.classesIn(root.resolve(PAGE)));
    List<String> all = new ArrayList<>(readme);
    all.addAll(JavaSnippets.classesIn(root.resolve("src-docs/talking-to-the-client.md")));
    all.addAll(JavaSnippets.classesIn(root.resolve(PAGE)));
    compiled = JavaSnippets.compile(all);
  }

  /** What one example class did when run. */
  private record Outcome(List<String> passed, List<String> failed) {}

  private static Outcome run(Class<?> testClass) {
    List<String> passed = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
        .build(), new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            String name = test.getLegacyReportingName();
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
              failed.add(name + ": " + result.getThrowable().map(Throwable::toString).orElse(result.toString()));
            } else if (test.isTest()) {
              passed.add(name);
            }
          }
        });
    return new Outcome(passed, failed);
  }

  @TestFactory
  Stream<DynamicTest> everyExamplePasses() {
    assertEquals(List.of("WeatherTest", "WeatherServerTest", "WeatherToolsTest", "BookingServerTest",
        "WeatherSurfaceTest", "EchoUnderLoadTest", "SessionExpiryTest"),
        examples.stream().map(TestingPageTest::name).toList(), "the README's test, then the page's, in order");
    return examples.stream().map(source -> DynamicTest.dynamicTest(name(source) + " passes", () -> {
      Outcome outcome = run(compiled.loadClass(name(source)));
      assertEquals(List.of(), outcome.failed(), name(source) + " has failing tests");
      long tests = Pattern.compile("@(Test|BothEras)\\b").matcher(source).results().count()
          + Pattern.compile("@BothEras\\b").matcher(source).results().count();
      assertEquals(tests, outcome.passed().size(), "every test ran (a @BothEras test twice): " + outcome.passed());
    }));
  }

  @TestFactory
  Stream<DynamicTest> aBrokenExampleFails() {
    return Stream.of(DynamicTest.dynamicTest("a wrong expectation in an example is a failure", () -> {
      String original = examples.get(1);
      String broken = original.replace("\"Oslo\")\n", "\"Lima\")\n");
      assertTrue(!broken.equals(original), "the example was changed");
      List<String> all = new ArrayList<>(JavaSnippets.classesIn(JavaSnippets.docsRoot().resolve("README.md")));
      all.add(broken);
      Outcome outcome = run(JavaSnippets.compile(all).loadClass(name(broken)));
      assertEquals(1, outcome.failed().size(), outcome.toString());
      assertTrue(outcome.failed().get(0).contains("the structured value at /city differs"), outcome.toString());
    }));
  }

  private static String name(String source) {
    Matcher matcher = CLASS_NAME.matcher(source);
    assertTrue(matcher.find());
    return matcher.group(1);
  }
}
