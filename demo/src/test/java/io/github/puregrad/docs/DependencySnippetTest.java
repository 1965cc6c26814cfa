package io.github.puregrad.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dependency blocks that users paste into a pom name the versions this build uses: puregrad's
 * own, and those of JUnit and AssertJ it is tested with.
 */
class DependencySnippetTest {
  @Test
  void shouldGiveTestingDocsTheVersionsOfThisBuild() throws IOException {
    String pom = read("pom.xml");
    String testing = read("docs/testing.md");

    assertThat(version(testing, "puregrad")).isEqualTo(projectVersion(pom));
    assertThat(version(testing, "junit-jupiter")).isEqualTo(property(pom, "junit.version"));
    assertThat(version(testing, "puregrad-test")).isEqualTo(projectVersion(pom));
  }

  @Test
  void shouldGiveTheReadmeThisBuildsVersion() throws IOException {
    assertThat(version(read("README.md"), "puregrad")).isEqualTo(projectVersion(read("pom.xml")));
  }

  private static String read(String path) throws IOException {
    return Files.readString(Pages.root().resolve(path), StandardCharsets.UTF_8);
  }

  /** The version after {@code <artifactId>artifact</artifactId>} in the first block naming it. */
  private static String version(String text, String artifact) {
    Matcher m =
        Pattern.compile(
                "<artifactId>" + Pattern.quote(artifact) + "</artifactId>\\s*<version>([^<]+)<")
            .matcher(text);
    assertThat(m.find()).as("a <dependency> block for %s with a <version>", artifact).isTrue();
    return m.group(1);
  }

  private static String projectVersion(String pom) {
    Matcher m =
        Pattern.compile("<artifactId>puregrad-parent</artifactId>\\s*<version>([^<]+)<")
            .matcher(pom);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static String property(String pom, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)<").matcher(pom);
    assertThat(m.find()).as("property %s", name).isTrue();
    return m.group(1);
  }
}
