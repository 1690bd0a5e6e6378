package dev.switchboard.mcp.schema.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether a property may hold null, read from annotations by their simple names, so that JSpecify,
 * Jakarta, JetBrains, Lombok and the others all count without this package depending on any of them.
 *
 * <p>The output rule: a property Jackson writes is known to be non-null when its type is primitive,
 * when it is marked {@code @NonNull} (or {@code @Nonnull}, {@code @NotNull}), or when it is declared
 * in JSpecify {@code @NullMarked} code without {@code @Nullable}. Any other reference may be null:
 * its schema admits null and it is not required, so the structured content of a record whose
 * component is null still matches the schema advertised for it.
 */
final class Nullness {
  private static final Set<String> NON_NULL = Set.of("NonNull", "Nonnull", "NotNull");

  private Nullness() {}

  /** Whether an element is marked nullable, on the declaration or its type. */
  static boolean isMarkedNullable(AnnotatedElement element) {
    return marked(element, Set.of("Nullable"));
  }

  /** Whether a property Jackson writes may be null (see the class comment for the rule). */
  static boolean mayBeNull(Class<?> owner, Class<?> propertyType, List<AnnotatedElement> elements) {
    if (propertyType.isPrimitive()) {
      return false;
    }
    if (elements.stream().anyMatch(Nullness::isMarkedNullable)) {
      return true;
    }
    if (elements.stream().anyMatch(element -> marked(element, NON_NULL))) {
      return false;
    }
    return !isNullMarked(owner);
  }

  /** Whether a class sits in JSpecify {@code @NullMarked} code: itself, an enclosing class, its package or module. */
  static boolean isNullMarked(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      Boolean scope = scope(c.getAnnotations());
      if (scope != null) {
        return scope;
      }
    }
    Package pkg = type.getPackage();
    Boolean scope = pkg == null ? null : scope(pkg.getAnnotations());
    if (scope != null) {
      return scope;
    }
    Module module = type.getModule();
    return module.isNamed() && Boolean.TRUE.equals(scope(module.getAnnotations()));
  }

  /** True for {@code @NullMarked}, false for {@code @NullUnmarked}, null when the scope says neither. */
  private static @Nullable Boolean scope(Annotation[] annotations) {
    for (Annotation annotation : annotations) {
      String name = annotation.annotationType().getSimpleName();
      if (name.equals("NullMarked")) {
        return Boolean.TRUE;
      }
      if (name.equals("NullUnmarked")) {
        return Boolean.FALSE;
      }
    }
    return null;
  }

  private static boolean marked(AnnotatedElement element, Set<String> names) {
    if (has(element.getAnnotations(), names)) {
      return true;
    }
    AnnotatedType type = annotatedType(element);
    return type != null && has(type.getAnnotations(), names);
  }

  private static @Nullable AnnotatedType annotatedType(AnnotatedElement element) {
    if (element instanceof Parameter parameter) {
      return parameter.getAnnotatedType();
    }
    if (element instanceof RecordComponent component) {
      return component.getAnnotatedType();
    }
    if (element instanceof Field field) {
      return field.getAnnotatedType();
    }
    if (element instanceof Method method) {
      return method.getAnnotatedReturnType();
    }
    return null;
  }

  private static boolean has(Annotation[] annotations, Set<String> names) {
    for (Annotation annotation : annotations) {
      if (names.contains(annotation.annotationType().getSimpleName())) {
        return true;
      }
    }
    return false;
  }
}
