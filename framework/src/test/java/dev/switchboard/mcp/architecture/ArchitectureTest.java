package dev.switchboard.mcp.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * The package rules of ARCHITECTURE.md, checked on the framework's compiled classes: arrows point
 * down only, no package cycle, reflection only in annotations, servlets only at the HTTP edge, Jetty
 * only in the launcher. (That no code outside the framework uses an {@code internal} package is
 * checked by each other module's own architecture test, and the public API file holds no internal type.)
 */
@AnalyzeClasses(packages = "dev.switchboard.mcp", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String ROOT = "dev.switchboard.mcp.";
  /** The methods that read a field's value (as opposed to its name, type or annotations). */
  private static final Set<String> FIELD_ACCESS = Set.of("get", "getBoolean", "getByte", "getChar", "getShort",
      "getInt", "getLong", "getFloat", "getDouble");

  @ArchTest
  static final ArchRule arrowsPointDownOnly = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("protocol").definedBy(ROOT + "protocol..")
      .layer("schema").definedBy(ROOT + "schema..")
      .layer("session").definedBy(ROOT + "session..")
      .layer("annotations").definedBy(ROOT + "annotations..")
      .layer("server").definedBy(ROOT + "server..")
      .layer("transport").definedBy(ROOT + "transport..")
      .layer("jetty").definedBy(ROOT + "jetty..")
      .whereLayer("jetty").mayNotBeAccessedByAnyLayer()
      .whereLayer("transport").mayOnlyBeAccessedByLayers("jetty")
      .whereLayer("server").mayOnlyBeAccessedByLayers("transport", "jetty")
      .whereLayer("annotations").mayOnlyBeAccessedByLayers("server", "transport", "jetty")
      .whereLayer("session").mayOnlyBeAccessedByLayers("annotations", "server", "transport", "jetty")
      .whereLayer("schema").mayOnlyBeAccessedByLayers("session", "annotations", "server", "transport", "jetty");

  @ArchTest
  static final ArchRule noPackageCycles = slices().matching(ROOT + "(*)..").should().beFreeOfCycles();

  /**
   * Reflection that calls or opens code (invoke, get/set a field, newInstance, setAccessible, method
   * handle lookups) lives in annotations alone; reading type metadata (annotations, record components,
   * as the schema generator does) is not that. The one exception is the lookup of
   * {@code Executors.newVirtualThreadPerTaskExecutor}, which a Java 17 build can only reach that way.
   */
  @ArchTest
  static final ArchRule reflectionOnlyInAnnotations = noClasses()
      .that().resideOutsideOfPackages(ROOT + "annotations..")
      .and().doNotHaveFullyQualifiedName(ROOT + "server.internal.HandlerExecutors")
      .should().callMethodWhere(describe("a reflective invocation", ArchitectureTest::invokesReflectively))
      .because("the request path calls prepared method handles; reflection is resolved once, at registration");

  private static boolean invokesReflectively(JavaMethodCall call) {
    JavaClass owner = call.getTargetOwner();
    String name = call.getName();
    if (owner.isEquivalentTo(MethodHandles.class) || owner.isEquivalentTo(MethodHandles.Lookup.class)) {
      return true;
    }
    if (owner.isEquivalentTo(Method.class)) {
      return name.equals("invoke");
    }
    if (owner.isEquivalentTo(Constructor.class)) {
      return name.equals("newInstance");
    }
    if (owner.isEquivalentTo(Field.class)) {
      return FIELD_ACCESS.contains(name) || name.startsWith("set");
    }
    return owner.isAssignableTo(AccessibleObject.class) && name.contains("Accessible");
  }

  @ArchTest
  static final ArchRule jettyOnlyInTheLauncher = noClasses()
      .that().resideOutsideOfPackages(ROOT + "jetty..")
      .should().dependOnClassesThat().resideInAPackage("org.eclipse.jetty..");

  @ArchTest
  static final ArchRule servletsOnlyAtTheHttpEdge = noClasses()
      .that().resideOutsideOfPackages(ROOT + "transport..", ROOT + "jetty..")
      .should().dependOnClassesThat().resideInAPackage("jakarta.servlet..")
      .because("protocol and schema know nothing of HTTP; server and session know nothing of servlets");

  @ArchTest
  static final ArchRule caffeineOnlyBehindTheSessionStore = noClasses()
      .that().resideOutsideOfPackages(ROOT + "session..", ROOT + "transport..")
      .should().dependOnClassesThat().resideInAPackage("com.github.benmanes.caffeine..");

  @ArchTest
  static final ArchRule lettuceOnlyInTheFleetClasses = noClasses()
      .that().haveNameNotMatching(".*\\.transport\\.internal\\.(Fleet|Redis)\\w*(\\$.*)?")
      .should().dependOnClassesThat().resideInAnyPackage("io.lettuce..", "io.netty..", "reactor..")
      .because("Lettuce is an optional dependency: only a configured fleet may load it");

  @ArchTest
  static final ArchRule micrometerOnlyInTheMeters = noClasses()
      .that().doNotHaveFullyQualifiedName(ROOT + "transport.internal.EndpointMeters")
      .and().doNotHaveFullyQualifiedName(ROOT + "transport.McpServlet$Builder")
      .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
      .because("Micrometer is an optional dependency: only a servlet given a registry may load it");

  @ArchTest
  static final ArchRule openTelemetryOnlyInTheTracing = noClasses()
      .that().doNotHaveFullyQualifiedName(ROOT + "server.internal.OtelCallTracing")
      .and().doNotHaveFullyQualifiedName(ROOT + "server.internal.OtelCallTracing$1")
      .and().doNotHaveFullyQualifiedName(ROOT + "server.internal.OtelCallTracing$OtelTraced")
      .and().doNotHaveFullyQualifiedName(ROOT + "server.McpServerBuilder")
      .and().doNotHaveFullyQualifiedName(ROOT + "server.internal.CallTracing")
      .should().dependOnClassesThat().resideInAPackage("io.opentelemetry..")
      .because("one class traces; the rest of the framework does not know OpenTelemetry");

  @ArchTest
  static final ArchRule noStandardStreams = noClasses()
      .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
      .because("the framework logs through SLF4J");
}
