package dev.switchboard.mcp.test;

import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.server.McpServer;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit Jupiter extension behind {@link McpServerTest}: starts the server the class's
 * {@link ServerUnderTest} member gives, injects {@link McpTestServer} and {@link McpTestClient}
 * parameters and fields, and closes clients after each test and the server after its scope. Used
 * through the annotation; public only so that JUnit can create it.
 */
public final class McpServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback, ParameterResolver {
  static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(McpServerExtension.class);
  static final String SERVER = "server";
  static final String REVISION = "revision";
  private static final String OWNED = "owned-server";
  private static final String CLIENTS = "clients:";

  /** Made by JUnit. */
  public McpServerExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Optional<Member> source = source(context.getRequiredTestClass());
    if (source.isPresent() && Modifier.isStatic(source.get().getModifiers())) {
      McpTestServer server = start(read(source.get(), null), context);
      context.getStore(NAMESPACE).put(SERVER, server);
      context.getStore(NAMESPACE).put(OWNED, server);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    Optional<Member> source = source(context.getRequiredTestClass());
    if (source.isPresent() && !Modifier.isStatic(source.get().getModifiers())) {
      Object instance = context.getRequiredTestInstances().findInstance(source.get().getDeclaringClass())
          .orElseThrow();
      McpTestServer server = start(read(source.get(), instance), context);
      context.getStore(NAMESPACE).put(SERVER, server);
      context.getStore(NAMESPACE).put(OWNED, server);
    }
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      inject(instance, context);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    closeScope(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    closeScope(context);
  }

  private static void closeScope(ExtensionContext context) {
    @SuppressWarnings("unchecked")
    List<McpTestClient> clients = (List<McpTestClient>) context.getStore(NAMESPACE).remove(CLIENTS
        + context.getUniqueId());
    if (clients != null) {
      clients.forEach(McpTestClient::close);
    }
    McpTestServer owned = (McpTestServer) context.getStore(NAMESPACE).remove(OWNED);
    if (owned != null) {
      context.getStore(NAMESPACE).remove(SERVER);
      owned.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == McpTestServer.class || type == McpTestClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    McpTestServer server = server(context).orElseThrow(() -> new ParameterResolutionException("no server to give "
        + parameter.getParameter() + ": an instance @ServerUnderTest member starts one per test, after @BeforeAll"
        + " methods; make it static to have one for the class"));
    return type == McpTestServer.class ? server : client(server, context);
  }

  /** The server of the test's scope (its own, or its class's). */
  static Optional<McpTestServer> server(ExtensionContext context) {
    return Optional.ofNullable(context.getStore(NAMESPACE).get(SERVER, McpTestServer.class));
  }

  /** A new client of the scope's revision, closed at the end of the scope. */
  static McpTestClient client(McpTestServer server, ExtensionContext context) {
    ProtocolVersion revision = context.getStore(NAMESPACE).get(REVISION, ProtocolVersion.class);
    if (revision == null) {
      revision = annotation(context).map(McpServerTest::revision).orElse(ProtocolVersion.V2025_11_25);
    }
    McpTestClient client = server.newClient(revision);
    @SuppressWarnings("unchecked")
    List<McpTestClient> clients = (List<McpTestClient>) context.getStore(NAMESPACE)
        .computeIfAbsent(CLIENTS + context.getUniqueId(), key -> new CopyOnWriteArrayList<McpTestClient>());
    clients.add(client);
    return client;
  }

  private static Optional<McpServerTest> annotation(ExtensionContext context) {
    for (Optional<ExtensionContext> at = Optional.of(context); at.isPresent(); at = at.get().getParent()) {
      Optional<Class<?>> type = at.get().getTestClass();
      if (type.isPresent()) {
        for (Class<?> c = type.get(); c != null; c = c.getEnclosingClass()) {
          McpServerTest found = c.getAnnotation(McpServerTest.class);
          if (found != null) {
            return Optional.of(found);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static void inject(Object instance, ExtensionContext context) throws IllegalAccessException {
    for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers) || field.isAnnotationPresent(
            ServerUnderTest.class) || (field.getType() != McpTestClient.class && field.getType() != McpTestServer.class)) {
          continue;
        }
        McpTestServer server = server(context).orElseThrow(() -> new ExtensionConfigurationException(
            "no server to inject into " + field + ": mark a field or method @ServerUnderTest"));
        field.setAccessible(true);
        field.set(instance, field.getType() == McpTestServer.class ? server : client(server, context));
      }
    }
  }

  private static Optional<Member> source(Class<?> testClass) {
    List<Member> found = new ArrayList<>();
    for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (field.isAnnotationPresent(ServerUnderTest.class)) {
          found.add(field);
        }
      }
      for (Method method : c.getDeclaredMethods()) {
        if (method.isAnnotationPresent(ServerUnderTest.class)) {
          if (method.getParameterCount() != 0) {
            throw new ExtensionConfigurationException("@ServerUnderTest method " + method + " must take no parameters");
          }
          found.add(method);
        }
      }
    }
    if (found.size() > 1) {
      throw new ExtensionConfigurationException("more than one @ServerUnderTest in " + testClass.getName() + ": "
          + found);
    }
    return found.stream().findFirst();
  }

  private static Object read(Member member, Object instance) throws Exception {
    Object value;
    if (member instanceof Field field) {
      field.setAccessible(true);
      value = field.get(instance);
    } else {
      Method method = (Method) member;
      method.setAccessible(true);
      try {
        value = method.invoke(instance);
      } catch (InvocationTargetException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    }
    if (value == null) {
      throw new ExtensionConfigurationException("@ServerUnderTest " + ((AnnotatedElement) member) + " gave null");
    }
    return value;
  }

  private static McpTestServer start(Object source, ExtensionContext context) {
    ProtocolVersion revision = annotation(context).map(McpServerTest::revision).orElse(ProtocolVersion.V2025_11_25);
    if (source instanceof McpTestServer running) {
      return running;
    }
    if (source instanceof McpTestServer.Builder builder) {
      return builder.start();
    }
    if (source instanceof McpServer server) {
      return McpTestServer.builder(server).revision(revision).start();
    }
    if (source instanceof Object[] handlers) {
      return McpTestServer.startAnnotated(handlers);
    }
    if (source instanceof Collection<?> handlers) {
      return McpTestServer.startAnnotated(handlers.toArray());
    }
    return McpTestServer.startAnnotated(source);
  }
}
