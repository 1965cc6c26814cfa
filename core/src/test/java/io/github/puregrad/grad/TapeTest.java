package io.github.puregrad.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.puregrad.check.ExprGenerator;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Expr.Leaf;
import io.github.puregrad.expr.Graph;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The compiled tape against the eager engine: the same value and gradients to the last bit, at the
 * traced values and at new ones (compared with the graph rebuilt from the new values).
 */
class TapeTest {

  /** Bit for bit: the eager gradient of the graph rebuilt at {@code values}. */
  private static void assertSameAsEager(
      Function<List<Leaf>, Expr> program, List<Leaf> variables, double[] values, String what) {
    List<Leaf> moved = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      moved.add(variables.get(i).withValue(values[i]));
    }
    Expr rebuilt = program.apply(moved);
    Gradients eager = Autodiff.backward(rebuilt);
    Tape interpreted = Tape.trace(program.apply(variables), variables);
    Tape generated = interpreted.compile(Integer.MAX_VALUE); // the moons step is above the limit
    assertThat(generated.backend()).as(what).isInstanceOf(Backend.Generated.class);

    for (Tape tape : List.of(interpreted, generated)) {
      Tape.Result taped = tape.evaluate(values);
      String by = what + " (" + tape.backend().getClass().getSimpleName() + ")";
      assertThat(Double.doubleToLongBits(taped.value()))
          .as("%s: value", by)
          .isEqualTo(Double.doubleToLongBits(rebuilt.value()));
      for (int i = 0; i < values.length; i++) {
        assertThat(Double.doubleToLongBits(taped.at(i)))
            .as("%s: gradient %d", by, i)
            .isEqualTo(Double.doubleToLongBits(eager.get(moved.get(i))));
      }
    }
  }

  @Nested
  class GoldenCases {
    @Test
    void shouldEqualEagerEngineBitForBitOnEveryGoldenCaseAtTracedValues() {
      for (Golden.Case c : Golden.cases()) {
        List<Leaf> inputs = new ArrayList<>(c.inputs().values());
        double[] values = inputs.stream().mapToDouble(Leaf::value).toArray();
        assertSameAsEager(c.program(), inputs, values, c.name());
      }
    }

    @Test
    void shouldEqualEagerEngineBitForBitOnEveryGoldenCaseAtNewValues() {
      SplittableRandom random = new SplittableRandom(7);
      for (Golden.Case c : Golden.cases()) {
        List<Leaf> inputs = new ArrayList<>(c.inputs().values());
        double[] values =
            inputs.stream().mapToDouble(l -> l.value() + random.nextDouble(-0.1, 0.1)).toArray();
        assertSameAsEager(c.program(), inputs, values, c.name());
      }
    }

    @Test
    void shouldMatchPyTorchOnMicrogradReadmeCase() {
      Golden.Case c = Golden.cases().get(0);
      List<Leaf> inputs = new ArrayList<>(c.inputs().values());
      Tape.Result e = Tape.trace(c.output(), inputs).evaluate(-4.0, 2.0);

      assertThat(e.value()).isCloseTo(c.value(), within(1e-9));
      assertThat(e.get(inputs.get(0))).isCloseTo(c.grads().get("a"), within(1e-9));
    }
  }

  @Nested
  class RandomPrograms {
    private final ExprGenerator generator =
        ExprGenerator.builder().inputs(3).operations(30).build(); // every operation

    /** The sample's graph rebuilt, operation for operation, over other input leaves. */
    private Expr rebuild(ExprGenerator.Sample sample, List<Leaf> x) {
      Graph graph = Graph.of(sample.output());
      Expr[] rebuilt = new Expr[graph.size()];
      for (int p = 0; p < graph.size(); p++) {
        Expr node = graph.node(p);
        int at = p;
        IntFunction<Expr> operand = k -> rebuilt[graph.operandPosition(at, k)];
        if (node instanceof Expr.Binary b) {
          rebuilt[p] = operand.apply(0).apply(b.op(), operand.apply(1));
        } else if (node instanceof Expr.Unary u) {
          rebuilt[p] = operand.apply(0).apply(u.op());
        } else {
          int input = sample.inputs().indexOf((Leaf) node); // -1: a constant
          rebuilt[p] = input >= 0 ? x.get(input) : node;
        }
      }
      return rebuilt[rebuilt.length - 1];
    }

    @Test
    void shouldEqualEagerEngineBitForBitOnSeededRandomPrograms() {
      for (long seed = 0; seed < 300; seed++) {
        ExprGenerator.Sample sample = generator.sample(seed);
        SplittableRandom values = new SplittableRandom(1000 + seed);
        double[] at = values.doubles(3, -2, 2).toArray();
        assertSameAsEager(
            v -> rebuild(sample, v), sample.inputs().toJavaList(), at, "seed " + seed);
      }
    }
  }

  @Nested
  class Networks {
    @Test
    void shouldGiveMicrogradsStepZeroLossOnMoons() throws IOException {
      double[] p = numbers("/io/github/puregrad/data/moons-init.csv");
      List<Leaf> params = leaves(p);
      Tape.Result e = Tape.trace(moonsLoss(params), params).evaluate(p);

      assertThat(e.value()).isEqualTo(0.8958441028683222);
    }

    @Test
    void shouldEqualEagerEngineBitForBitOnMoonsAfterAParameterUpdate() throws IOException {
      double[] p = numbers("/io/github/puregrad/data/moons-init.csv");
      List<Leaf> params = leaves(p);
      Gradients first = Autodiff.backward(moonsLoss(params));
      double[] stepped = new double[p.length];
      for (int i = 0; i < p.length; i++) {
        stepped[i] = p[i] - 1.0 * first.get(params.get(i)); // one SGD step, learning rate 1.0
      }

      assertSameAsEager(TapeTest::moonsLoss, params, stepped, "moons step 1");
    }

    @Test
    void shouldEqualEagerEngineBitForBitOnTheSeedNet() {
      SplittableRandom random = new SplittableRandom(1337);
      List<Leaf> params = leaves(random.doubles(41, -1, 1).toArray());
      double[] moved = random.doubles(41, -1, 1).toArray();

      assertSameAsEager(TapeTest::seedLoss, params, moved, "seed net");
    }
  }

  /** Dot products, which the tape's loops take a whole run at a time (decision 0049). */
  @Nested
  class DotProductRuns {
    // a + w1 x1 + ... + wn xn over variables a, w1, x1, ..., wn, xn
    private Expr dot(List<Leaf> v) {
      Expr sum = v.get(0);
      for (int i = 1; i + 1 < v.size(); i += 2) {
        sum = sum.add(v.get(i).mul(v.get(i + 1)));
      }
      return sum;
    }

    private double[] values(int count, long seed) {
      return new SplittableRandom(seed).doubles(count, -3, 3).toArray();
    }

    @Test
    void shouldTakeEachNeuronsDotProductAsOneRun() {
      List<Leaf> p = leaves(values(13, 1)); // MLP(2, [3, 1]): 3 * (2 + 1) + 3 + 1
      Expr out = mlp(p, new int[] {2, 3, 1}, new Expr[] {Expr.of(0.5), Expr.of(-1.5)}, false);

      assertThat(Tape.trace(out, p).runs()).isEqualTo(4);
    }

    @Test
    void shouldEqualEagerEngineBitForBitOnDotProductsOfEveryLength() {
      for (int terms = 1; terms <= 9; terms++) {
        List<Leaf> v = leaves(values(1 + 2 * terms, terms));
        assertThat(Tape.trace(dot(v), v).runs()).isEqualTo(1);
        assertSameAsEager(this::dot, v, values(1 + 2 * terms, 100 + terms), terms + " terms");
      }
    }

    @Test
    void shouldEqualEagerEngineBitForBitWhenAPartialSumIsUsedAgain() {
      Function<List<Leaf>, Expr> program =
          v -> {
            Expr partial = v.get(0).add(v.get(1).mul(v.get(2))).add(v.get(3).mul(v.get(4)));
            return partial.add(v.get(5).mul(v.get(6))).mul(partial.tanh()); // two uses
          };
      List<Leaf> v = leaves(values(7, 2));

      assertThat(Tape.trace(program.apply(v), v).runs()).isEqualTo(2);
      assertSameAsEager(program, v, values(7, 3), "partial sum used twice");
    }

    @Test
    void shouldEqualEagerEngineBitForBitWhenATermIsUsedAgain() {
      Function<List<Leaf>, Expr> program =
          v -> {
            Expr term = v.get(1).mul(v.get(2));
            return v.get(0).add(term).add(v.get(3).mul(v.get(4))).add(term); // term used twice
          };
      List<Leaf> v = leaves(values(5, 4));

      assertThat(Tape.trace(program.apply(v), v).runs()).isEqualTo(1);
      assertSameAsEager(program, v, values(5, 5), "term used twice");
    }

    @Test
    void shouldEqualEagerEngineBitForBitWhenOperandsRepeatInsideARun() {
      Function<List<Leaf>, Expr> program = // x + x*x + w*x + x*w: x everywhere
          v ->
              v.get(0)
                  .add(v.get(0).mul(v.get(0)))
                  .add(v.get(1).mul(v.get(0)))
                  .add(v.get(0).mul(v.get(1)));
      List<Leaf> v = leaves(values(2, 6));

      assertSameAsEager(program, v, values(2, 7), "repeated operands");
    }

    @Test
    void shouldEqualEagerEngineBitForBitOnSignedZerosAndOverflow() {
      Function<List<Leaf>, Expr> program = v -> dot(v).mul(-0.0).add(dot(v).exp());
      List<Leaf> v = leaves(values(7, 8));

      assertSameAsEager(
          program, v, new double[] {-0.0, 0.0, -0.0, 1e300, 1e300, -0.0, 5.0}, "edges");
      assertSameAsEager(program, v, new double[] {0.0, -0.0, 0.0, -0.0, 0.0, -0.0, 0.0}, "zeros");
    }

    @Test
    void shouldObserveAPartialSumInsideARun() {
      List<Leaf> v = leaves(values(7, 9));
      Expr partial = v.get(0).add(v.get(1).mul(v.get(2)));
      Expr out = partial.add(v.get(3).mul(v.get(4))).add(v.get(5).mul(v.get(6)));
      double[] at = values(7, 10);
      Tape.Result e = Tape.trace(out, v, List.of(partial)).evaluate(at);

      assertThat(e.observed().get(0)).isEqualTo(at[0] + at[1] * at[2]);
    }
  }

  @Nested
  class Variables {
    @Test
    void shouldGiveZeroGradientForAVariableTheOutputDoesNotUse() {
      Leaf x = Expr.of(2.0, "x");
      Leaf unused = Expr.of(5.0, "unused");
      Tape.Result e = Tape.trace(x.mul(x), x, unused).evaluate(3.0, 1.0);

      assertThat(e.at(1)).isZero();
      assertThat(e.get(x)).isEqualTo(6.0);
    }

    @Test
    void shouldKeepOtherLeavesAsTracedConstants() {
      Leaf x = Expr.of(2.0, "x");
      Leaf c = Expr.of(10.0, "c");
      Tape.Result e = Tape.trace(x.mul(c), x).evaluate(3.0);

      assertThat(e.value()).isEqualTo(30.0);
      assertThat(e.get(c)).isZero();
    }

    @Test
    void shouldFindGradientThroughAnUpdatedLeaf() {
      Leaf x = Expr.of(2.0, "x");
      Tape tape = Tape.trace(x.pow(3), x);
      Tape.Result e = tape.evaluate(List.of(x.withValue(1.0)));

      assertThat(e.get(x.withValue(1.0))).isEqualTo(3.0);
      assertThat(e.variables().get(0).value()).isEqualTo(1.0);
      assertThat(e.asMap().get(x.withValue(1.0)).get()).isEqualTo(3.0);
    }

    @Test
    void shouldGiveSameResultsFromManyThreadsAtOnce() throws Exception {
      double[] p = numbers("/io/github/puregrad/data/moons-init.csv");
      List<Leaf> params = leaves(p);
      Tape tape = Tape.trace(moonsLoss(params), params);
      double[] expected = gradients(tape.evaluate(p));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<double[]>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          results.add(pool.submit(() -> gradients(tape.evaluate(p))));
        }
        for (Future<double[]> result : results) {
          assertThat(result.get()).containsExactly(expected);
        }
      } finally {
        pool.shutdown();
      }
    }

    private double[] gradients(Tape.Result e) {
      return IntStream.range(0, e.size()).mapToDouble(e::at).toArray();
    }
  }

  @Nested
  class BadInput {
    private final Leaf x = Expr.of(2.0, "x");
    private final Leaf y = Expr.of(3.0, "y");
    private final Tape tape = Tape.trace(x.mul(y), x, y);

    @Test
    void shouldRejectWrongNumberOfValues() {
      assertThatThrownBy(() -> tape.evaluate(1.0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected 2 values, one per variable, got 1");
    }

    @Test
    void shouldRejectNaNValue() {
      assertThatThrownBy(() -> tape.evaluate(1.0, Double.NaN))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("value 1 (y) must be finite, got NaN");
    }

    @Test
    void shouldRejectLeafThatIsNotTheVariableAtItsPlace() {
      assertThatThrownBy(() -> tape.evaluate(List.of(y, x)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("leaf 0")
          .hasMessageContaining("is not the variable at that place");
    }

    @Test
    void shouldRejectTheSameVariableTwice() {
      assertThatThrownBy(() -> Tape.trace(x.mul(y), x, x))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected distinct leaves");
    }
  }

  // -- programs

  private static List<Leaf> leaves(double[] values) {
    List<Leaf> leaves = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      leaves.add(Expr.of(values[i], "p" + i));
    }
    return leaves;
  }

  /** micrograd's moons loss at step 0, written as in its demo (see docs/performance.md). */
  static Expr moonsLoss(List<Leaf> p) {
    List<double[]> rows;
    try {
      rows = rows("/io/github/puregrad/data/moons.csv");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    Expr sum = null;
    for (double[] row : rows) {
      Expr[] x = {Expr.of(row[0]), Expr.of(row[1])};
      Expr score = mlp(p, new int[] {2, 16, 16, 1}, x, false);
      Expr loss = score.mul(-row[2]).add(1.0).relu();
      sum = sum == null ? loss.add(0.0) : sum.add(loss);
    }
    Expr squares = null;
    for (Leaf q : p) {
      squares = squares == null ? q.mul(q).add(0.0) : squares.add(q.mul(q));
    }
    return sum.mul(1.0 / rows.size()).add(squares.mul(1e-4));
  }

  /** The micrograd lecture's MLP(3, [4, 4, 1]) with tanh, sum of squared errors on 4 samples. */
  static Expr seedLoss(List<Leaf> p) {
    double[][] xs = {{2, 3, -1}, {3, -1, 0.5}, {0.5, 1, 1}, {1, 1, -1}};
    double[] ys = {1, -1, -1, 1};
    Expr sum = null;
    for (int n = 0; n < xs.length; n++) {
      Expr[] x = new Expr[3];
      for (int i = 0; i < 3; i++) {
        x[i] = Expr.of(xs[n][i]);
      }
      Expr error = mlp(p, new int[] {3, 4, 4, 1}, x, true).add(-ys[n]).pow(2);
      sum = sum == null ? error.add(0.0) : sum.add(error);
    }
    return sum;
  }

  private static Expr mlp(List<Leaf> p, int[] sizes, Expr[] input, boolean tanh) {
    Expr[] x = input;
    int next = 0;
    for (int l = 1; l < sizes.length; l++) {
      Expr[] out = new Expr[sizes[l]];
      for (int j = 0; j < sizes[l]; j++) {
        int bias = next + sizes[l - 1];
        Expr act = p.get(bias);
        for (int i = 0; i < sizes[l - 1]; i++) {
          act = act.add(p.get(next + i).mul(x[i]));
        }
        next = bias + 1;
        out[j] = tanh ? act.tanh() : l < sizes.length - 1 ? act.relu() : act;
      }
      x = out;
    }
    return x[0];
  }

  // -- resources

  private static double[] numbers(String resource) throws IOException {
    return lines(resource).stream().mapToDouble(Double::parseDouble).toArray();
  }

  private static List<double[]> rows(String resource) throws IOException {
    return lines(resource).stream()
        .skip(1)
        .map(line -> Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray())
        .collect(Collectors.toList());
  }

  private static List<String> lines(String resource) throws IOException {
    try (InputStream in = TapeTest.class.getResourceAsStream(resource);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty())
          .collect(Collectors.toList());
    }
  }
}
