package io.github.puregrad.bench;

import io.github.puregrad.expr.Expr;
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
 * Build and differentiate a chain of 1,000,000 operations (2,000,001 nodes): what micrograd's
 * recursive topological sort cannot do.
 *
 * <pre>{@code
 * java -jar target/benchmarks.jar ChainBench
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 2,
    jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ChainBench {
  private FlatTape flat = new FlatTape(1);
  private Tape tape = Tape.trace(Expr.of(0.0));
  private double[] tapeValues = new double[0];
  private Tape.Workspace workspace = tape.workspace(); // the caller's scratch arrays

  static int nodes() {
    return 2 * Eager.CHAIN_OPS + 1;
  }

  @Setup
  public void setUp() {
    flat = new FlatTape(1 << 21);
    Expr.Leaf x = Expr.of(1.0, "x");
    Expr chain = Eager.chain(x, Eager.CHAIN_OPS);
    int out = flat.chain(Eager.CHAIN_OPS);
    Check.equal("flat-tape value", flat.value[out], chain.value());
    Check.equal("eager nodes", Graph.of(chain).size(), nodes());
    Check.equal("flat-tape nodes", flat.size, nodes());
    tape = Tape.trace(chain, x);
    workspace = tape.workspace();
    tapeValues = new double[] {x.value()};
    Check.sameAsEager(tape.evaluate(tapeValues), Autodiff.backward(chain), x);
  }

  @Benchmark
  public Gradients eager() {
    return Autodiff.backward(Eager.chain(Eager.CHAIN_OPS));
  }

  /** Evaluates the tape traced once in the set-up: new values in, value and gradients out. */
  @Benchmark
  public Tape.Result tape() {
    return tape.evaluate(workspace, tapeValues);
  }

  @Benchmark
  public double flat() {
    int out = flat.chain(Eager.CHAIN_OPS);
    flat.backward(out);
    return flat.grad[0];
  }
}
