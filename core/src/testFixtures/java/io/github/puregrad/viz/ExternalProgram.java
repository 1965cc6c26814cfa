package io.github.puregrad.viz;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What tests that run a real program (Graphviz's {@code dot}, Chromium) do when it is missing: in
 * CI ({@code CI=true}) fail, so those tests can never be skipped there; elsewhere skip.
 *
 * <pre>{@code
 * ExternalProgram.require(available, "chromium", "apt-get install -y chromium");
 * }</pre>
 */
final class ExternalProgram {
  private ExternalProgram() {}

  static void require(boolean available, String program, String install) {
    if (available) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      fail(
          program
              + " is not installed, and CI must run the tests that need it: "
              + install
              + " (.ci/run does this)");
    }
    assumeTrue(false, program + " is not installed (" + install + "): skipped");
  }
}
