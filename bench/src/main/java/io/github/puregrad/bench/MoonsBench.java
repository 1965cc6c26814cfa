package io.github.puregrad.bench;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Expr.Leaf;
import io.github.puregrad.expr.Graph;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Gradients;
import io.github.puregrad.grad.Tape;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One step of micrograd's moons demo: the loss over 100 points of MLP(2, [16, 16, 1]) and its
 * gradient, 65,818 nodes.
 *
 * <pre>{@code
 * java -jar target/benchmarks.jar MoonsBench
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 2,
    jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MoonsBench {
  private Moons data = Moons.load();
  private Leaf[] parameters = new Leaf[0];
  private FlatTape flat = new FlatTape(1);
  private Tape tape = Tape.trace(Expr.of(0.0));
  private double[] tapeValues = new double[0];
  private Tape.Workspace workspace = tape.workspace(); // the caller's scratch arrays

  static int nodes() {
    Moons moons = Moons.load();
    return Graph.of(Eager.moonsLoss(Eager.leaves(moons.parameters()), moons)).size();
  }

  @Setup
  public void setUp() {
    data = Moons.load();
    parameters = Eager.leaves(data.parameters());
    flat = new FlatTape(1 << 17);
    Expr loss = Eager.moonsLoss(parameters, data);
    Check.equal("eager step-0 loss", loss.value(), Moons.STEP0_LOSS);
    int out = flat.moonsLoss(data.parameters(), data);
    Check.equal("flat-tape step-0 loss", flat.value[out], Moons.STEP0_LOSS);
    Check.equal("flat-tape nodes", flat.size, Graph.of(loss).size());
    Check.equal("eager nodes", Graph.of(loss).size(), 65_818);
    tape = Tape.trace(loss, parameters);
    workspace = tape.workspace();
    tapeValues = data.parameters();
    Check.sameAsEager(tape.evaluate(tapeValues), Autodiff.backward(loss), parameters);
  }

  /** Builds the graph from plain {@code Expr} calls and differentiates it. */
  @Benchmark
  public Gradients eager() {
    return Autodiff.backward(Eager.moonsLoss(parameters, data));
  }

  /** Builds the graph only: what {@link #eager} spends before its walk. */
  @Benchmark
  public Expr build() {
    return Eager.moonsLoss(parameters, data);
  }

  /**
   * Builds the graph and puts it in topological order: {@code walk - build} is {@code Graph.of}.
   */
  @Benchmark
  public Graph walk() {
    return Graph.of(Eager.moonsLoss(parameters, data));
  }

  /** Evaluates the tape traced once in the set-up: new values in, value and gradients out. */
  @Benchmark
  public Tape.Result tape() {
    return tape.evaluate(workspace, tapeValues);
  }

  @Benchmark
  public double flat() {
    int out = flat.moonsLoss(data.parameters(), data);
    flat.backward(out);
    return flat.grad[0];
  }
}
