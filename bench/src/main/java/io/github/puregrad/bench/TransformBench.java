package io.github.puregrad.bench;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Compiled;
import io.github.puregrad.grad.Tape;
import io.github.puregrad.grad.Transforms;
import io.vavr.Function1;
import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * The function transforms on a moderate function of 64 inputs (the Rosenbrock function plus a tanh
 * per term): {@code Transforms.valueAndGrad(f)}, which calls f and builds its graph on every call,
 * against {@code Compiled.trace(f, x)}, traced once, through its Vavr function (a new workspace per
 * call) and through its tape with a workspace the benchmark holds.
 *
 * <pre>{@code
 * java -jar target/benchmarks.jar TransformBench
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
public class TransformBench {
  static final int INPUTS = 64;

  /** Σ 100 (x[i+1] - x[i]²)² + (1 - x[i])² + tanh(x[i] x[i+1]), for i < n - 1. */
  static final Function<Vector<Expr>, Expr> ROSENBROCK =
      v -> {
        Expr sum = Expr.of(0.0);
        for (int i = 0; i + 1 < v.size(); i++) {
          Expr a = v.get(i);
          Expr b = v.get(i + 1);
          Expr valley = b.sub(a.mul(a));
          sum = sum.add(valley.mul(valley).mul(100.0));
          sum = sum.add(a.neg().add(1.0).pow(2)).add(a.mul(b).tanh());
        }
        return sum;
      };

  private Vector<Double> x = Vector.empty();
  private double[] values = new double[0];
  private Function1<Vector<Double>, Tuple2<Double, Vector<Double>>> eager =
      Transforms.valueAndGrad(ROSENBROCK);
  private Function1<Vector<Double>, Tuple2<Double, Vector<Double>>> compiled = eager;
  private Tape tape = Tape.trace(Expr.of(0.0));
  private Tape.Workspace workspace = tape.workspace();

  static int nodes() {
    return Compiled.trace(ROSENBROCK, Vector.fill(INPUTS, 0.5)).tape().size();
  }

  @Setup
  public void setUp() {
    x = Vector.range(0, INPUTS).map(i -> Math.sin(i) * 0.9);
    values = x.toJavaStream().mapToDouble(Double::doubleValue).toArray();
    Compiled traced = Compiled.trace(ROSENBROCK, Vector.fill(INPUTS, 0.5));
    compiled = traced.valueAndGrad();
    tape = traced.tape();
    workspace = tape.workspace();
    if (!compiled.apply(x).equals(eager.apply(x))) {
      throw new IllegalStateException("compiled and eager transforms differ at " + x);
    }
  }

  /** Calls f on new leaves, builds its graph and runs backward: what grad(f) does per call. */
  @Benchmark
  public Tuple2<Double, Vector<Double>> grad() {
    return eager.apply(x);
  }

  /** The traced tape through the compiled function: a new workspace and result vector per call. */
  @Benchmark
  public Tuple2<Double, Vector<Double>> compiled() {
    return compiled.apply(x);
  }

  /** The traced tape with a workspace held by the caller: what a training loop would do. */
  @Benchmark
  public Tape.Result tape() {
    return tape.evaluate(workspace, values);
  }
}
