package dev.switchboard.mcp.test;

import dev.switchboard.mcp.protocol.ProtocolVersion;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The JUnit Jupiter extension behind {@link BothEras}: one run of the test per revision, whose
 * injected clients speak that revision. Used through the annotation; public only so that JUnit can
 * create it.
 */
public final class BothErasExtension implements TestTemplateInvocationContextProvider {
  /** Made by JUnit. */
  public BothErasExtension() {}

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(method -> method.isAnnotationPresent(BothEras.class)).orElse(false);
  }

  @Override
  public Stream<? extends TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    Class<?> type = context.getRequiredTestClass();
    boolean annotated = false;
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      annotated |= c.isAnnotationPresent(McpServerTest.class);
    }
    if (!annotated) {
      throw new ExtensionConfigurationException("@BothEras needs @McpServerTest on " + type.getName());
    }
    BothEras eras = context.getRequiredTestMethod().getAnnotation(BothEras.class);
    if (eras.value().length == 0) {
      throw new ExtensionConfigurationException("@BothEras names no revision on " + context.getRequiredTestMethod());
    }
    return Arrays.stream(eras.value()).map(Era::new);
  }

  /** One run: the revision goes in the invocation's store, where the client injection finds it. */
  private record Era(ProtocolVersion revision) implements TestTemplateInvocationContext {
    @Override
    public String getDisplayName(int invocationIndex) {
      return (revision.isStateless() ? "stateless " : "sessions ") + revision.wireName();
    }

    @Override
    public void prepareInvocation(ExtensionContext context) {
      context.getStore(McpServerExtension.NAMESPACE).put(McpServerExtension.REVISION, revision);
    }
  }
}
