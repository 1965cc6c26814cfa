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
 * One step of the micrograd lecture's seed net: MLP(3, [4, 4, 1]) with tanh, 4 samples, sum of
 * squared errors, 398 nodes.
 *
 * <pre>{@code
 * java -jar target/benchmarks.jar SeedNetBench
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
public class SeedNetBench {
  private double[] values = new double[0];
  private Leaf[] parameters = new Leaf[0];
  private FlatTape flat = new FlatTape(1);
  private Tape tape = Tape.trace(Expr.of(0.0));
  private double[] tapeValues = new double[0];
  private Tape.Workspace workspace = tape.workspace(); // the caller's scratch arrays

  static int nodes() {
    return Graph.of(Eager.seedLoss(Eager.leaves(Eager.seedParameters()))).size();
  }

  @Setup
  public void setUp() {
    values = Eager.seedParameters();
    parameters = Eager.leaves(values);
    flat = new FlatTape(1 << 10);
    Expr loss = Eager.seedLoss(parameters);
    int out = flat.seedLoss(values);
    Check.equal("flat-tape loss", flat.value[out], loss.value());
    Check.equal("flat-tape nodes", flat.size, Graph.of(loss).size());
    Check.equal("eager nodes", Graph.of(loss).size(), 398);
    tape = Tape.trace(loss, parameters);
    workspace = tape.workspace();
    tapeValues = values;
    Check.sameAsEager(tape.evaluate(tapeValues), Autodiff.backward(loss), parameters);
  }

  @Benchmark
  public Gradients eager() {
    return Autodiff.backward(Eager.seedLoss(parameters));
  }

  /** Evaluates the tape traced once in the set-up: new values in, value and gradients out. */
  @Benchmark
  public Tape.Result tape() {
    return tape.evaluate(workspace, tapeValues);
  }

  @Benchmark
  public double flat() {
    int out = flat.seedLoss(values);
    flat.backward(out);
    return flat.grad[0];
  }
}
