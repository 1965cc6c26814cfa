package io.github.puregrad.viz;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that run the real Graphviz {@code dot} call {@link #require()} first: in CI ({@code
 * CI=true}) a missing {@code dot} fails the test, so the rendering tests can never be skipped
 * there; on a developer's machine without Graphviz they are skipped.
 */
public final class DotProgram {
  private static final boolean AVAILABLE = Graphviz.installed().isAvailable();

  private DotProgram() {}

  public static void require() {
    if (AVAILABLE) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      fail(
          "Graphviz's dot is not installed, and CI must run the rendering tests:"
              + " apt-get install -y graphviz (.ci/run does this)");
    }
    assumeTrue(false, "Graphviz's dot is not installed (apt-get install graphviz): skipped");
  }
}
