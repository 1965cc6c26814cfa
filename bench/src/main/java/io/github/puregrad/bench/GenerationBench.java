package io.github.puregrad.bench;

import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Backend;
import io.github.puregrad.grad.Tape;
import io.vavr.collection.Vector;
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
 * What generating code costs before it pays (issue 29, goal: under 50 ms for 10,000 nodes): from a
 * traced, interpreted tape to the first result of its generated code, that is {@code
 * tape.compile()} (ASM writes the classes, the JVM defines them) then one {@code evaluate} (which
 * the JVM's bytecode interpreter runs: HotSpot has not compiled the new methods yet). Each call
 * generates anew, as {@code compile()} on an interpreted tape does; the classes of the last call
 * are unloaded with its tape.
 *
 * <ul>
 *   <li>{@code tape=rosenbrock}: {@link RosenbrockBench#ROSENBROCK} of {@value #ROSENBROCK_INPUTS}
 *       inputs, 10,005 nodes;
 *   <li>{@code tape=moons}: the moons step's loss of {@link MoonsBench}, 65,818 nodes.
 * </ul>
 *
 * <p>Single shots after warm-up iterations: the generator itself warmed up by HotSpot, as in a
 * program that compiles more than one tape. The very first compilation in a fresh JVM is slower;
 * for it, one shot per fork: {@code -wi 0 -i 1 -f 10}. The set-up checks that the generated code
 * gives the interpreter's numbers bit for bit.
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar GenerationBench
 * java -jar bench/target/benchmarks.jar GenerationBench -wi 0 -i 1 -f 10   # cold JVMs
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 2,
    jvmArgs = {
      "-Xms1g",
      "-Xmx1g",
      "-Dpuregrad.bytecode.maxNodes=100000"
    }) // moons is above the limit
@Warmup(iterations = 10)
@Measurement(iterations = 20)
public class GenerationBench {
  /** The Rosenbrock function's inputs for a tape of about 10,000 nodes (15 per input, less 15). */
  static final int ROSENBROCK_INPUTS = 668;

  @Param({"rosenbrock", "moons"})
  public String tape = "rosenbrock";

  private Tape traced = Tape.trace(Expr.of(0.0));
  private double[] values = new double[0];

  /** {@return the traced, interpreted tape of a workload of this benchmark} */
  static Tape traced(String workload) {
    return switch (workload) {
      case "rosenbrock" -> {
        Vector<Expr.Leaf> leaves =
            Vector.ofAll(RosenbrockBench.start(ROSENBROCK_INPUTS)).map(Expr::of);
        yield Tape.trace(RosenbrockBench.ROSENBROCK.apply(Vector.narrow(leaves)), leaves);
      }
      case "moons" -> MoonsBench.moonsTape();
      default -> throw new IllegalArgumentException("unknown tape " + workload);
    };
  }

  @Setup
  public void setUp() {
    traced = traced(tape);
    values =
        tape.equals("moons")
            ? Moons.load().parameters()
            : RosenbrockBench.start(traced.variables().size());
    if (!(traced.backend() instanceof Backend.Interpreted)) {
      throw new IllegalStateException("expected an interpreted tape, got " + traced.backend());
    }
    Tape compiled = traced.compile();
    if (!(compiled.backend() instanceof Backend.Generated)) {
      throw new IllegalStateException("expected generated code, got " + compiled.backend());
    }
    Check.sameAsTape("generated", firstCall(), traced.evaluate(values));
  }

  /** Generates the code of the traced tape and calls it once. */
  @Benchmark
  public Tape.Result firstCall() {
    Tape compiled = traced.compile();
    return compiled.evaluate(compiled.workspace(), values);
  }
}
