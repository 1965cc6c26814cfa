package io.github.puregrad.bench;

import io.github.puregrad.optim.Minimizer;
import io.github.puregrad.optim.Minimum;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole solve per call: {@code Minimizer.minimize} of each test problem by each method, with
 * the defaults (scipy's), f traced at x0 as {@code Minimize.lbfgs} and the others do, the trace
 * included in the time. {@link MinimizeReport} runs it and prints it beside the counts and scipy's.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar io.github.puregrad.bench.MinimizeReport -f 1 -wi 3 -i 5
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MinimizeBench {
  @Param({
    "ROSENBROCK_2",
    "ROSENBROCK_10",
    "ROSENBROCK_100",
    "BEALE",
    "WOOD",
    "POWELL_SINGULAR",
    "HELICAL_VALLEY",
    "BROWN_BADLY_SCALED",
    "TRIGONOMETRIC_10",
    "EXTENDED_ROSENBROCK_100",
    "LOGISTIC"
  })
  public String problem = "ROSENBROCK_2";

  @Param({"LBFGS", "BFGS", "NEWTON_CG"})
  public String method = "LBFGS";

  private Problems solved = Problems.ROSENBROCK_2;
  private Minimizer minimizer = Minimizer.builder(Minimizer.Method.LBFGS).build();

  @Setup
  public void setUp() {
    solved = Problems.valueOf(problem);
    minimizer = Minimizer.builder(Minimizer.Method.valueOf(method)).build();
  }

  @Benchmark
  public Minimum solve() {
    return minimizer.minimize(solved.f, solved.x0);
  }
}
