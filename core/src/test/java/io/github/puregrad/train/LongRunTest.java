package io.github.puregrad.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 100,000 epochs of the lecture net in a JVM of its own with a 48 MB heap: {@code fit} must hold
 * O(1) epochs (before the fix it kept every epoch, about 16 KB each, and ran out of memory).
 */
@Tag("slow") // a JVM of its own for about 10 s: PIT leaves it out
class LongRunTest {

  @Test
  void shouldTrainOneHundredThousandEpochsInA48MegabyteHeap() throws Exception {
    Process process = fork("-Xmx48m", "100000");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    assertThat(output).startsWith("epochs 100000 loss ");
  }

  private static Process fork(String heap, String epochs) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            List.of(
                java.toString(),
                heap,
                "-cp",
                System.getProperty("java.class.path"),
                LongRun.class.getName(),
                epochs))
        .redirectErrorStream(true)
        .start();
  }
}
