package dev.switchboard.mcp.annotations.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.jspecify.annotations.Nullable;

/** A method prepared once as a handle that takes its arguments as one array. */
final class MethodInvoker {
  private final MethodHandle handle;

  private MethodInvoker(MethodHandle handle) {
    this.handle = handle;
  }

  static MethodInvoker of(Method method, @Nullable Object target, String source) {
    try {
      method.setAccessible(true);
      MethodHandle handle = MethodHandles.lookup().unreflect(method);
      if (!Modifier.isStatic(method.getModifiers())) {
        handle = handle.bindTo(target);
      }
      handle = handle.asSpreader(Object[].class, method.getParameterCount())
          .asType(MethodType.methodType(Object.class, Object[].class));
      return new MethodInvoker(handle);
    } catch (IllegalAccessException | RuntimeException e) {
      throw new IllegalArgumentException(source + ": cannot be called by the framework ("
          + e.getMessage() + "); make it public, or open its package", e);
    }
  }

  @Nullable Object invoke(Object[] arguments) throws Exception {
    try {
      return (Object) handle.invokeExact(arguments);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
