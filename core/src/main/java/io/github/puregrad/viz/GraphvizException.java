package io.github.puregrad.viz;

/**
 * Graphviz could not render: {@code dot} is missing, failed or ran out of time. The message says
 * which, and how to install Graphviz when it is missing; the DOT text itself is always available
 * from {@link Dot}.
 *
 * <pre>{@code
 * try {
 *   Graphviz.installed().write(Dot.of(output), Path.of("graph.svg"));
 * } catch (GraphvizException e) {
 *   Files.writeString(Path.of("graph.dot"), Dot.of(output));   // render it elsewhere
 * }
 * }</pre>
 */
public final class GraphvizException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  GraphvizException(String message) {
    super(message);
  }

  GraphvizException(String message, Throwable cause) {
    super(message, cause);
  }
}
