package io.github.puregrad.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM names every published module, and only those, at the version of the build: a module added
 * to the parent is either in the BOM or marked as never installed.
 */
class BomTest {
  private static final Path ROOT = Pages.root();

  @Test
  void shouldListEveryPublishedModuleAndNothingElse() throws IOException {
    List<String> published = new ArrayList<>();
    for (String module : all(read("pom.xml"), "<module>([^<]+)</module>")) {
      String pom = read(module + "/pom.xml");
      if (!pom.contains("<packaging>pom</packaging>")
          && !pom.contains("<maven.install.skip>true</maven.install.skip>")) {
        published.add(first(pom, "</parent>\\s*<artifactId>([^<]+)</artifactId>"));
      }
    }
    String bom = read("bom/pom.xml");
    String managed =
        bom.substring(
            bom.indexOf("<dependencyManagement>"), bom.indexOf("</dependencyManagement>"));

    assertThat(all(managed, "<artifactId>([^<]+)</artifactId>"))
        .containsExactlyInAnyOrderElementsOf(published)
        .contains("puregrad", "puregrad-test", "puregrad-plot", "puregrad-save");
  }

  @Test
  void shouldHaveTheVersionOfTheBuild() throws IOException {
    String parent =
        first(read("pom.xml"), "<artifactId>puregrad-parent</artifactId>\\s*<version>([^<]+)<");
    assertThat(
            first(
                read("bom/pom.xml"), "<artifactId>puregrad-bom</artifactId>\\s*<version>([^<]+)<"))
        .isEqualTo(parent);
  }

  private static String read(String path) throws IOException {
    // without comments: the BOM's own comment shows how to import it
    return Files.readString(ROOT.resolve(path), StandardCharsets.UTF_8)
        .replaceAll("(?s)<!--.*?-->", "");
  }

  private static List<String> all(String text, String regex) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static String first(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in the pom", regex).isTrue();
    return m.group(1);
  }
}
