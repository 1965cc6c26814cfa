package io.github.puregrad.bench;

import io.github.puregrad.optim.Minimizer;
import io.github.puregrad.optim.Minimum;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * puregrad's side of the scipy comparison in {@code docs/minimize.md}: for each problem of {@link
 * Problems} and each method, the final value, the evaluations of f with its gradient, the
 * Hessian-vector products, the iterations and the stop reason (one solve, deterministic), then the
 * median time per solve from JMH ({@link MinimizeBench}; the arguments are JMH's, e.g. {@code -f 1
 * -wi 3 -i 5}). {@code --counts} prints the counts only, without timing.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar io.github.puregrad.bench.MinimizeReport --counts
 * java -cp bench/target/benchmarks.jar io.github.puregrad.bench.MinimizeReport -f 1 -wi 3 -i 5
 * }</pre>
 */
public final class MinimizeReport {
  private MinimizeReport() {}

  public static void main(String[] args) throws Exception {
    boolean countsOnly = Arrays.asList(args).contains("--counts");
    Map<String, Double> micros = new HashMap<>();
    if (!countsOnly) {
      CommandLineOptions cli = new CommandLineOptions(args);
      OptionsBuilder options = new OptionsBuilder();
      options.parent(cli).include(MinimizeBench.class.getSimpleName());
      for (RunResult result : new Runner(options.build()).run()) {
        String key =
            result.getParams().getParam("problem") + " " + result.getParams().getParam("method");
        micros.put(key, result.getPrimaryResult().getStatistics().getPercentile(50.0));
      }
    }
    System.out.println(
        "problem | method | value | evaluations | Hv products | iterations | µs/solve | stop");
    for (Problems p : Problems.values()) {
      for (Minimizer.Method m : Minimizer.Method.values()) {
        Minimum min = Minimizer.builder(m).build().minimize(p.f, p.x0);
        Double time = micros.get(p.name() + " " + m.name());
        System.out.println(
            String.format(
                Locale.ROOT,
                "%s | %s | %.6e | %d | %d | %d | %s | %s",
                p.title,
                m,
                min.value(),
                min.evaluations(),
                min.hessianVectorProducts(),
                min.iterations(),
                time == null ? "-" : String.format(Locale.ROOT, "%.1f", time),
                min.stop()));
      }
    }
  }
}
