package io.github.puregrad.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The benchmark jar's main: runs JMH (any JMH command-line option works, e.g. a benchmark regex,
 * {@code -f 1} or {@code -i 3}), then prints, per workload and engine, the median time per step, ns
 * per node and the ratio to the baseline: the flat tape, or for {@code TrainBench} the eager
 * training step (and the speed-up of 2 threads over 1).
 *
 * <pre>{@code
 * java -jar target/benchmarks.jar            # everything, the annotated forks and iterations
 * java -jar target/benchmarks.jar Moons -f 1 # one workload, one fork
 * }</pre>
 */
public final class Report {
  private static final String BASELINE = "flat";
  private static final String TRAIN_BASELINE = "eager";

  private Report() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions cli = new CommandLineOptions(args);
    if (cli.shouldHelp()
        || cli.shouldList()
        || cli.shouldListWithParams()
        || cli.shouldListProfilers()
        || cli.shouldListResultFormats()) {
      org.openjdk.jmh.Main.main(args); // JMH's own main answers those, and runs nothing
      return;
    }
    Collection<RunResult> results = new Runner(new OptionsBuilder().parent(cli).build()).run();

    // workload -> engine -> median microseconds per step
    Map<String, Map<String, Double>> medians = new TreeMap<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      String[] parts = name.split("\\.", -1);
      String workload = parts[parts.length - 2];
      if ("MinimizeBench".equals(workload)) {
        continue; // whole solves, not steps of a graph: MinimizeReport prints them
      }
      if (Report29.WORKLOADS.contains(workload)) {
        continue; // parameters, other baselines and PyTorch beside them: Report29 prints them
      }
      String engine = parts[parts.length - 1];
      double median = result.getPrimaryResult().getStatistics().getPercentile(50.0);
      medians.computeIfAbsent(workload, w -> new LinkedHashMap<>()).put(engine, median);
    }

    List<String> lines = new ArrayList<>();
    lines.add("| workload | engine | nodes | median µs/step | ns/node | × baseline |");
    lines.add("|---|---|---:|---:|---:|---:|");
    for (Map.Entry<String, Map<String, Double>> workload : medians.entrySet()) {
      int nodes = nodes(workload.getKey());
      Double baseline =
          workload
              .getValue()
              .get("TrainBench".equals(workload.getKey()) ? TRAIN_BASELINE : BASELINE);
      for (Map.Entry<String, Double> engine : workload.getValue().entrySet()) {
        double micros = engine.getValue();
        lines.add(
            String.format(
                Locale.ROOT,
                "| %s | %s | %,d | %,.1f | %.1f | %s |",
                workload.getKey(),
                engine.getKey(),
                nodes,
                micros,
                1000 * micros / nodes,
                baseline == null ? "n/a" : String.format(Locale.ROOT, "%.2f", micros / baseline)));
      }
    }
    Map<String, Double> train = medians.getOrDefault("TrainBench", Map.of());
    if (train.containsKey("threads1") && train.containsKey("threads2")) {
      lines.add("");
      lines.add(
          String.format(
              Locale.ROOT,
              "TrainBench: 2 threads are %.2fx as fast as 1 (threads1 / threads2)",
              train.get("threads1") / train.get("threads2")));
    }
    if (train.containsKey("tape") && train.containsKey("flat")) {
      lines.add(
          String.format(
              Locale.ROOT,
              "TrainBench: a tape step takes %.2fx a whole flat-tape step (tape / flat)",
              train.get("tape") / train.get("flat")));
    }
    System.out.println();
    System.out.println(
        "Medians over all measurement iterations of all forks (baseline: the flat tape; for"
            + " TrainBench, the eager training step):");
    lines.forEach(System.out::println);
  }

  private static int nodes(String workload) {
    return switch (workload) {
      case "MoonsBench" -> MoonsBench.nodes();
      case "SeedNetBench" -> SeedNetBench.nodes();
      case "ChainBench" -> ChainBench.nodes();
      case "TrainBench" -> MoonsBench.nodes(); // the nodes of one eager moons step
      case "TransformBench" -> TransformBench.nodes();
      default -> throw new IllegalArgumentException("unknown workload " + workload);
    };
  }
}
