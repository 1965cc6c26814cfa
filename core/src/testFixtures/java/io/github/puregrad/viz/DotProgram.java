package io.github.puregrad.viz;

/**
 * Tests that run the real Graphviz {@code dot} call {@link #require()} first: in CI ({@code
 * CI=true}) a missing {@code dot} fails the test, so the rendering tests can never be skipped
 * there; on a developer's machine without Graphviz they are skipped.
 */
public final class DotProgram {
  private static final boolean AVAILABLE = Graphviz.installed().isAvailable();

  private DotProgram() {}

  public static void require() {
    ExternalProgram.require(AVAILABLE, "Graphviz's dot", "apt-get install -y graphviz");
  }
}
