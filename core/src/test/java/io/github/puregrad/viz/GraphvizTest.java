package io.github.puregrad.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Lecture;
import io.github.puregrad.grad.Autodiff;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class GraphvizTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private static List<String> texts(Document svg) {
    NodeList nodes = svg.getElementsByTagName("text");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent().strip());
    }
    return texts;
  }

  /** These run the real dot program: in CI they must not be skipped. */
  @Nested
  class Rendering {
    private final String dot = Dot.of(Autodiff.backward(Lecture.neuron()));

    @BeforeEach
    void requireDot() {
      DotProgram.require();
    }

    @Test
    void shouldRenderSvgThatParsesAsXml() throws Exception {
      Document svg = Svg.parse(Graphviz.installed().render(dot, Graphviz.Format.SVG));
      assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
    }

    @Test
    void shouldShowTheNodeLabelsInTheSvg() throws Exception {
      Document svg = Svg.parse(Graphviz.installed().render(dot, Graphviz.Format.SVG));
      assertThat(texts(svg))
          .contains("x1", "w1", "x2", "w2", "b", "grad -1.5000", "*", "+", "tanh");
    }

    @Test
    void shouldRenderPngStartingWithThePngSignature() {
      byte[] png = Graphviz.installed().render(dot, Graphviz.Format.PNG);
      assertThat(Arrays.copyOf(png, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
    }

    @Test
    void shouldWriteTheFormatTheFileNameAsksFor(@TempDir Path dir) throws Exception {
      Path file = Graphviz.installed().write(dot, dir.resolve("sub/neuron.png"));
      assertThat(Arrays.copyOf(Files.readAllBytes(file), PNG_SIGNATURE.length))
          .isEqualTo(PNG_SIGNATURE);
    }

    @Test
    void shouldRenderLabelsThatUseRecordSyntax() throws Exception {
      String tricky = Dot.of(Expr.of(1.0, "{a|b} \"c\" <d>"));
      Document svg = Svg.parse(Graphviz.installed().render(tricky, Graphviz.Format.SVG));
      assertThat(texts(svg)).contains("{a|b} \"c\" <d>");
    }

    @Test
    void shouldReportDotsErrorsWhenTheTextIsNotDot() {
      assertThatThrownBy(() -> Graphviz.installed().render("digraph {", Graphviz.Format.SVG))
          .isInstanceOf(GraphvizException.class)
          .hasMessageContaining("exit code");
    }

    @Test
    void shouldBeAvailable() {
      assertThat(Graphviz.installed().isAvailable()).isTrue();
    }
  }

  @Nested
  class MissingDot {
    private final Graphviz missing =
        Graphviz.installed().withExecutable(Path.of("/nonexistent/dot"));

    @Test
    void shouldNameGraphvizAndHowToInstallIt() {
      assertThatThrownBy(() -> missing.render("digraph {}", Graphviz.Format.SVG))
          .isInstanceOf(GraphvizException.class)
          .hasMessageContaining("Graphviz")
          .hasMessageContaining("apt-get install graphviz");
    }

    @Test
    void shouldNotBeAvailable() {
      assertThat(missing.isAvailable()).isFalse();
    }
  }

  @Nested
  class Timeout {
    @Test
    void shouldStopAProcessThatRunsTooLong(@TempDir Path dir) throws Exception {
      Path pidFile = dir.resolve("pid");
      Path slow = dir.resolve("slow-dot");
      Files.writeString(slow, "#!/bin/sh\necho $$ > '" + pidFile + "'\nexec sleep 60\n");
      Files.setPosixFilePermissions(slow, PosixFilePermissions.fromString("rwx------"));
      Graphviz graphviz = new Graphviz(slow, Duration.ofMillis(500));

      assertThatThrownBy(() -> graphviz.render("digraph {}", Graphviz.Format.SVG))
          .isInstanceOf(GraphvizException.class)
          .hasMessageContaining("did not finish");
      long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip());
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }
  }

  @Nested
  class Arguments {
    @Test
    void shouldRejectAFileNameWithAnotherEnding() {
      assertThatThrownBy(() -> Graphviz.installed().write("digraph {}", Path.of("graph.jpg")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected a file name ending in .svg or .png, got 'graph.jpg'");
    }

    @Test
    void shouldRejectATimeoutThatIsNotPositive() {
      assertThatThrownBy(() -> Graphviz.installed().withTimeout(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("timeout must be positive");
    }
  }
}
