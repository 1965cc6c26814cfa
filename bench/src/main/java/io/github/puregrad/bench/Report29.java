package io.github.puregrad.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The measurement of issues 29 and 24 in one go: the JMH benchmarks {@link RosenbrockBench}, the
 * moons step's {@code tape}, {@code compiled} and {@code flat} ({@link MoonsBench}), {@link
 * GenerationBench} and {@link CnnBench}, then PyTorch's {@code rosenbrock.py} and {@code
 * cnn_step.py}; then one markdown table of the medians with the ratios: to the hand-written
 * gradient (Rosenbrock), to the flat tape (moons), to PyTorch's step (CNN), to the 50 ms goal
 * (generation), and the load average ({@code /proc/loadavg}) before, between and after.
 *
 * <p>From the repository's root, after {@code mvn -B -q package -pl bench -am -DskipTests}, alone
 * on the machine:
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar io.github.puregrad.bench.Report29 -rf json -rff issue29.json
 * }</pre>
 *
 * <p>The arguments are JMH's (each benchmark's annotated forks and iterations unless told
 * otherwise; a benchmark regex replaces the default selection), and three of this runner's own:
 * {@code --python PATH} (default {@code /usr/bin/python3}, Debian's, with python3-torch), {@code
 * --no-python} to skip PyTorch, and {@code --quick}, which runs the Python scripts with a few short
 * rounds. About 12 minutes in all with the defaults. A smoke test of the checks (the times mean
 * nothing):
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar io.github.puregrad.bench.Report29 --quick \
 *   -f 1 -wi 1 -i 1 -w 200ms -r 200ms
 * }</pre>
 */
public final class Report29 {
  private static final String DEFAULT_BENCHMARKS =
      "RosenbrockBench|MoonsBench\\.(tape|compiled|flat)$|TrainBench\\.(tape|flat)$|GenerationBench"
          + "|CnnBench";

  /** The benchmarks that this report prints and {@link Report} leaves out. */
  static final List<String> WORKLOADS = List.of("RosenbrockBench", "GenerationBench", "CnnBench");

  private static final String PYTHON_DIR = "bench/src/main/python";
  private static final Pattern PYTHON_LINE =
      Pattern.compile("^(rosenbrock|cnn_step) (?:n=(\\d+) )?.*median_us=([0-9.]+)");
  private static final List<String> ROSENBROCK_ENGINES =
      List.of("handWritten", "tape", "compiledArrays", "compiledVavr", "eager", "hipparchus");
  private static final double GENERATION_GOAL_MS = 50.0;

  private Report29() {}

  public static void main(String[] args) throws Exception {
    String python = "/usr/bin/python3";
    boolean runPython = true;
    boolean quick = false;
    List<String> jmhArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--python" -> python = args[++i];
        case "--no-python" -> runPython = false;
        case "--quick" -> quick = true;
        default -> jmhArgs.add(args[i]);
      }
    }
    CommandLineOptions cli = new CommandLineOptions(jmhArgs.toArray(new String[0]));
    OptionsBuilder options = new OptionsBuilder();
    options.parent(cli);
    if (cli.getIncludes().isEmpty()) {
      options.include(DEFAULT_BENCHMARKS);
    }

    String loadBefore = loadAverage();
    Collection<RunResult> results = new Runner(options.build()).run();
    String loadAfterJmh = loadAverage();

    // "Workload.engine[ param]" -> median µs
    Map<String, Double> micros = new HashMap<>();
    for (RunResult result : results) {
      String[] parts = result.getParams().getBenchmark().split("\\.", -1);
      String key = parts[parts.length - 2] + "." + parts[parts.length - 1];
      String n = result.getParams().getParam("n");
      String tape = result.getParams().getParam("tape");
      key += n != null ? " " + n : tape != null ? " " + tape : "";
      double median = result.getPrimaryResult().getStatistics().getPercentile(50.0);
      micros.put(key, median * toMicros(result.getPrimaryResult().getScoreUnit()));
    }

    List<String> versions = new ArrayList<>();
    if (runPython) {
      python(
          python,
          "rosenbrock.py",
          quick ? List.of("--rounds", "3", "--seconds", "0.05") : List.of(),
          micros,
          versions);
      python(
          python,
          "cnn_step.py",
          quick ? List.of("--rounds", "2", "--steps", "44", "--warmup", "10") : List.of(),
          micros,
          versions);
    }
    String loadAfter = loadAverage();

    List<String> lines = new ArrayList<>();
    lines.add("| workload | engine | nodes | median µs | ratio | ratio to |");
    lines.add("|---|---|---:|---:|---:|---|");
    for (String n : List.of("16", "64", "256", "1024")) {
      Double hand = micros.get("RosenbrockBench.handWritten " + n);
      String workload = "Rosenbrock n=" + n;
      int nodes = RosenbrockBench.nodes(Integer.parseInt(n));
      for (String engine : ROSENBROCK_ENGINES) {
        Double time = micros.get("RosenbrockBench." + engine + " " + n);
        lines.add(row(workload, engine, nodes, time, hand, "handWritten"));
      }
      Double torch = micros.get("pytorch.rosenbrock " + n);
      lines.add(row(workload, "PyTorch (autograd)", nodes, torch, hand, "handWritten"));
    }
    Double flat = micros.get("MoonsBench.flat");
    for (String engine : List.of("tape", "compiled", "flat")) {
      Double time = micros.get("MoonsBench." + engine);
      lines.add(row("moons step", engine, 65_818, time, flat, "flat (goal: compiled ≤ 0.3)"));
    }
    Double flatStep = micros.get("TrainBench.flat");
    for (String engine : List.of("tape", "flat")) { // the Trainer's tape: generated code
      Double time = micros.get("TrainBench." + engine);
      lines.add(
          row("moons training step", engine, 65_818, time, flatStep, "flat (goal: tape ≤ 0.3)"));
    }
    for (String tape : List.of("rosenbrock", "moons")) {
      Double time = micros.get("GenerationBench.firstCall " + tape);
      int nodes = GenerationBench.traced(tape).size();
      lines.add(
          row(
              "generation, " + tape,
              "compile() + first call",
              nodes,
              time,
              GENERATION_GOAL_MS * 1000,
              "the 50 ms goal (for 10,000 nodes)"));
    }
    Double torchStep = micros.get("pytorch.cnn_step");
    String cnn = "CNN step, batch 32";
    Double step = micros.get("CnnBench.step");
    lines.add(row(cnn, "puregrad (Trainer, tape per example)", -1, step, torchStep, "PyTorch"));
    lines.add(row(cnn, "PyTorch", -1, torchStep, torchStep, "PyTorch"));

    System.out.println();
    System.out.println(
        "Medians over all measured iterations of all forks (JMH), of the rounds (PyTorch); "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.version")
            + (versions.isEmpty() ? "" : "; " + String.join("; ", versions)));
    System.out.println();
    lines.forEach(System.out::println);
    System.out.println();
    System.out.println("load average (/proc/loadavg): before " + loadBefore);
    System.out.println("load average (/proc/loadavg): after JMH " + loadAfterJmh);
    System.out.println("load average (/proc/loadavg): after all " + loadAfter);
  }

  private static String row(
      String workload,
      String engine,
      int nodes,
      @Nullable Double micros,
      @Nullable Double base,
      String ratioTo) {
    return String.format(
        Locale.ROOT,
        "| %s | %s | %s | %s | %s | %s |",
        workload,
        engine,
        nodes < 0 ? "" : String.format(Locale.ROOT, "%,d", nodes),
        number(micros),
        micros == null || base == null ? "-" : String.format(Locale.ROOT, "%.2f", micros / base),
        ratioTo);
  }

  private static String number(@Nullable Double micros) {
    if (micros == null) {
      return "-";
    }
    return String.format(Locale.ROOT, micros < 10 ? "%,.3f" : "%,.1f", micros);
  }

  private static double toMicros(String unit) {
    return switch (unit) {
      case "ns/op" -> 1e-3;
      case "us/op" -> 1.0;
      case "ms/op" -> 1e3;
      case "s/op" -> 1e6;
      default -> throw new IllegalStateException("unexpected JMH unit " + unit);
    };
  }

  /** Runs one Python script, echoes its output and files its medians under "pytorch.*". */
  private static void python(
      String python,
      String script,
      List<String> extra,
      Map<String, Double> micros,
      List<String> versions)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(python, PYTHON_DIR + "/" + script));
    command.addAll(extra);
    System.out.println("# " + String.join(" ", command));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        System.out.println(line);
        Matcher m = PYTHON_LINE.matcher(line);
        if (m.find()) {
          String key = "pytorch." + m.group(1) + (m.group(2) == null ? "" : " " + m.group(2));
          micros.put(key, Double.parseDouble(m.group(3)));
        } else if (line.startsWith("# torch") && !versions.contains(line.substring(2))) {
          versions.add(line.substring(2));
        }
      }
    }
    int exit = process.waitFor();
    if (exit != 0) {
      // a failed check in the script: its numbers must not be reported
      throw new IllegalStateException(script + " failed with exit code " + exit);
    }
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", -1);
      return fields[0] + " " + fields[1] + " " + fields[2] + " (1, 5, 15 min)";
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
