package io.github.puregrad.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The reading path of {@code docs/design.md}: its block names files that exist, in the engine's
 * packages, and nothing in any module's {@code src/main} switches the formatter off, so that the
 * line count the page gives is a count of formatted code.
 */
class ReadingPathTest {
  private static final Path ROOT = Pages.root();

  /** {@return the paths listed in the {@code ```reading-path} block of docs/design.md} */
  static List<String> readingPath() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("docs/design.md"), StandardCharsets.UTF_8);
    int start = lines.indexOf("```reading-path");
    assertThat(start).as("a ```reading-path block in docs/design.md").isNotNegative();
    return lines.subList(start + 1, lines.size()).stream()
        .takeWhile(line -> !line.equals("```"))
        .collect(Collectors.toList());
  }

  @Nested
  class TheBlock {
    @Test
    void shouldListFilesThatExist() throws IOException {
      assertThat(readingPath())
          .isNotEmpty()
          .allSatisfy(path -> assertThat(ROOT.resolve(path)).isRegularFile());
    }

    @Test
    void shouldListTheEngineFromTheNodesToTheGradients() throws IOException {
      assertThat(readingPath())
          .startsWith("core/src/main/java/io/github/puregrad/expr/Expr.java")
          .contains(
              "core/src/main/java/io/github/puregrad/expr/Graph.java",
              "core/src/main/java/io/github/puregrad/grad/Gradients.java",
              "core/src/main/java/io/github/puregrad/grad/Autodiff.java")
          .doesNotContain("core/src/main/java/io/github/puregrad/grad/PagedWalk.java");
    }
  }

  @Nested
  class TheFormatter {
    @Test
    void shouldNeverBeSwitchedOffInMainSources() throws IOException {
      try (Stream<Path> files = Files.walk(ROOT)) {
        List<Path> switched =
            files
                .filter(path -> path.toString().endsWith(".java"))
                .filter(path -> ROOT.relativize(path).toString().matches("[a-z]+/src/main/.*"))
                .filter(ReadingPathTest::switchesTheFormatterOff)
                .collect(Collectors.toList());
        assertThat(switched).isEmpty();
      }
    }
  }

  private static boolean switchesTheFormatterOff(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return Stream.of("spotless:off", "@formatter:off", "format:off", "CHECKSTYLE:OFF")
          .anyMatch(text::contains);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
