package io.github.puregrad.bench;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Gradients;
import io.github.puregrad.grad.Tape;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;

/**
 * Bytes per node of the 1,000,000-op chain (2,000,001 nodes): the eager graph (the records), its
 * {@link Gradients} (the backward walk's pages: each id's node and gradient), a {@link Graph} in
 * topological order (what {@code Graph.of} adds, and what a {@code Gradients} adds when first asked
 * for positions), and the compiled {@link Tape}. Exact sizes from JOL's heap walk, cross-checked by
 * used-heap deltas after GC.
 *
 * <pre>{@code
 * java -Djdk.attach.allowAttachSelf -cp target/benchmarks.jar io.github.puregrad.bench.Memory
 * }</pre>
 */
public final class Memory {
  private Memory() {}

  public static void main(String[] args) {
    int nodes = ChainBench.nodes();
    long before = used();
    Expr.Leaf x = Expr.of(1.0, "x");
    Expr chain = Eager.chain(x, Eager.CHAIN_OPS);
    long afterBuild = used();
    Gradients gradients = Autodiff.backward(chain);
    long afterBackward = used();
    Graph graph = Graph.of(chain);
    long afterGraph = used();
    Tape tape = Tape.trace(chain, x);
    long afterTrace = used();

    long records = GraphLayout.parseInstance(chain).totalSize();
    long withGradients = GraphLayout.parseInstance(gradients).totalSize();
    long withGraph = GraphLayout.parseInstance(graph).totalSize();
    long tapeSize = GraphLayout.parseInstance(tape).totalSize();

    System.out.printf(Locale.ROOT, "nodes: %,d%n", nodes);
    System.out.println("| what | bytes/node (JOL) | bytes/node (heap delta after GC) |");
    System.out.println("|---|---:|---:|");
    row("eager graph: the Expr records", records, afterBuild - before, nodes);
    long backward = afterBackward - afterBuild;
    row("+ Gradients (a node and a gradient per id)", withGradients - records, backward, nodes);
    row("eager total: records + Gradients", withGradients, afterBackward - before, nodes);
    row("+ Graph.of (order and positions)", withGraph - records, afterGraph - afterBackward, nodes);
    row("compiled tape (op, operands, constants)", tapeSize, afterTrace - afterGraph, nodes);
    System.out.printf(
        Locale.ROOT,
        "tape scratch per evaluating thread: %.1f bytes/node (values and gradients)%n",
        16.0 * tape.size() / nodes);
    // keep everything reachable until the last measurement
    if (gradients.graph().size() + tape.size() + chain.id() == 0) {
      System.out.println();
    }
  }

  private static void row(String what, long jol, long delta, int nodes) {
    System.out.printf(
        Locale.ROOT, "| %s | %.1f | %.1f |%n", what, (double) jol / nodes, (double) delta / nodes);
  }

  private static long used() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
