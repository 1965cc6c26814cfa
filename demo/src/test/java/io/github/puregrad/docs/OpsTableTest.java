package io.github.puregrad.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.puregrad.expr.BinaryOp;
import io.github.puregrad.expr.UnaryOp;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The table of {@code docs/ops.md} names every built-in operation, as the rows' lists ({@link
 * UnaryOp#BUILT_IN}, {@link BinaryOp#BUILT_IN}) hold them, and no other: a new row without its line
 * in the docs fails here.
 */
class OpsTableTest {
  private static final Pattern ROW =
      Pattern.compile("^\\| `[^`]+` \\| `((?:Unary|Binary)Op\\.[A-Z]+)` \\|");

  @Test
  void shouldListEveryBuiltInOperationOnce() throws IOException {
    List<String> documented =
        Files.readAllLines(Pages.root().resolve("docs/ops.md"), StandardCharsets.UTF_8).stream()
            .map(ROW::matcher)
            .filter(Matcher::find)
            .map(m -> m.group(1))
            .sorted()
            .collect(Collectors.toList());

    List<String> rows =
        names(UnaryOp.class, Vector.narrow(UnaryOp.BUILT_IN))
            .appendAll(names(BinaryOp.class, Vector.narrow(BinaryOp.BUILT_IN)))
            .sorted()
            .asJava();
    assertThat(documented).isEqualTo(rows);
  }

  /** The names of the constants of {@code type} that hold the rows of {@code list}. */
  private static Vector<String> names(Class<?> type, Vector<Object> list) {
    return Vector.of(type.getFields())
        .filter(field -> Modifier.isStatic(field.getModifiers()))
        .filter(field -> list.contains(value(field)))
        .map(field -> type.getSimpleName() + "." + field.getName());
  }

  private static Object value(Field field) {
    try {
      return field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
