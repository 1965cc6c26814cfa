package io.github.puregrad.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digits demo on a few rows; the full run (10 epochs, 1,437 rows, at least 92 % on the last
 * 360) with {@code -Dpuregrad.digits=full}: {@code mvn test -pl demo -Dtest=DigitsTest
 * -Dpuregrad.digits=full}.
 */
class DigitsTest {

  @Nested
  class FewRows {
    @Test
    void shouldPrintOneLinePerEpochAndDrawFourPictures(@TempDir Path dir) throws Exception {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();

      int code = Digits.run(2, 1, 64, print(out), print(err), dir);

      String text = out.toString(StandardCharsets.UTF_8);
      assertThat(code).isZero();
      assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
      assertThat(text).containsPattern("(?m)^epoch 1 loss \\d+\\.\\d{4} accuracy \\d+\\.\\d%$");
      assertThat(text).containsPattern("(?m)^epoch 2 loss ");
      for (String name : new String[] {"filters", "confusion", "misclassified", "loss"}) {
        assertThat(Files.size(dir.resolve("digits-" + name + ".png"))).isPositive();
      }
    }
  }

  @Nested
  @EnabledIfSystemProperty(named = "puregrad.digits", matches = "full")
  class FullRun {
    @Test
    void shouldReachNinetyTwoPercentWithinAMinute(@TempDir Path dir) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long start = System.nanoTime();

      int code = Digits.run(Digits.EPOCHS, Digits.SEED, 1437, print(out), System.err, dir);

      String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
      String last = lines[Digits.EPOCHS - 1];
      double accuracy = Double.parseDouble(last.replaceAll(".* accuracy ([0-9.]+)%", "$1"));
      assertThat(code).isZero();
      assertThat(accuracy).isGreaterThanOrEqualTo(92.0);
      assertThat((System.nanoTime() - start) / 1e9).isLessThan(60.0);
    }
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
