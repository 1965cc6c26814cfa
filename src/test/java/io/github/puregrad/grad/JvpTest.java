package io.github.puregrad.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.puregrad.check.ExprGenerator;
import io.github.puregrad.expr.Expr;
import io.vavr.collection.HashMap;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JvpTest {

  /** Σ backward(f).get(leaf) · v(leaf): the reverse-mode side of every comparison. */
  private static double reverse(Expr output, Map<Expr.Leaf, Double> tangents) {
    Gradients grads = Autodiff.backward(output);
    return tangents.foldLeft(0.0, (sum, e) -> sum + grads.get(e._1) * e._2);
  }

  @Nested
  class Basics {
    @Test
    void shouldGivePartialDerivativeWhenOneLeafHasTangentOne() {
      Expr.Leaf x = Expr.of(2.0, "x");
      Expr.Leaf y = Expr.of(3.0, "y");

      assertThat(Autodiff.jvp(x.mul(y), HashMap.of(x, 1.0))).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void shouldAddDirectionsWhenSeveralLeavesHaveTangents() {
      Expr.Leaf x = Expr.of(2.0, "x");
      Expr.Leaf y = Expr.of(3.0, "y");

      // d(xy) along (2, -1) = 2y - x
      assertThat(Autodiff.jvp(x.mul(y), HashMap.of(x, 2.0, y, -1.0)))
          .isCloseTo(2 * 3.0 - 2.0, within(1e-12));
    }

    @Test
    void shouldAccumulateWhenNodeIsUsedTwice() {
      Expr.Leaf x = Expr.of(3.0, "x");

      assertThat(Autodiff.jvp(x.mul(x), HashMap.of(x, 1.0))).isCloseTo(6.0, within(1e-12));
    }

    @Test
    void shouldGiveZeroWhenNoTangentIsGiven() {
      Expr.Leaf x = Expr.of(3.0, "x");

      assertThat(Autodiff.jvp(x.tanh(), HashMap.empty())).isEqualTo(0.0);
    }

    @Test
    void shouldIgnoreLeafTheOutputDoesNotDependOn() {
      Expr.Leaf x = Expr.of(3.0, "x");
      Expr.Leaf unrelated = Expr.of(1.0, "u");

      assertThat(Autodiff.jvp(x.exp(), HashMap.of(x, 1.0, unrelated, 5.0)))
          .isCloseTo(Math.exp(3.0), within(1e-12));
    }

    @Test
    void shouldRejectTangentForOperation() {
      Expr.Leaf x = Expr.of(3.0, "x");
      Expr square = x.mul(x);

      assertThatThrownBy(() -> Autodiff.jvp(square.tanh(), HashMap.of(square, 1.0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected tangents for leaves only");
    }

    @Test
    void shouldRejectNonFiniteTangent() {
      Expr.Leaf x = Expr.of(3.0, "x");

      assertThatThrownBy(() -> Autodiff.jvp(x.tanh(), HashMap.of(x, Double.NaN)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected a finite tangent")
          .hasMessageContaining("NaN");
    }

    @Test
    void shouldHandleMillionNodeChainWithoutRecursion() {
      Expr.Leaf x = Expr.of(0.5, "x");
      Expr y = x;
      for (int i = 0; i < 1_000_000; i++) {
        y = y.mul(1.0000001);
      }

      assertThat(Autodiff.jvp(y, HashMap.of(x, 1.0)))
          .isCloseTo(Autodiff.backward(y).get(x), within(1e-9));
    }
  }

  @Nested
  class AgreesWithReverseMode {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.puregrad.grad.JvpTest#goldenCases")
    void shouldMatchPyTorchGradientsOnGoldenCases(GoldenCase golden) {
      // one jvp per input with a unit tangent gives that input's gradient
      for (var input : golden.inputs()) {
        double forward = Autodiff.jvp(golden.output(), HashMap.of(input._2, 1.0));

        assertThat(forward)
            .as("%s: d/d%s", golden.name(), input._1)
            .isCloseTo(golden.grads().get(input._1).get(), within(1e-9 * scale(forward)));
      }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.github.puregrad.grad.JvpTest#seeds")
    void shouldMatchBackwardAlongRandomDirectionOnRandomExpressions(long seed) {
      ExprGenerator.Sample sample = ExprGenerator.defaults().withOperations(20).sample(seed);
      SplittableRandom random = new SplittableRandom(seed);
      Map<Expr.Leaf, Double> tangents =
          LinkedHashMap.ofEntries(
              sample.inputs().map(leaf -> io.vavr.Tuple.of(leaf, random.nextDouble(-1, 1))));

      double forward = Autodiff.jvp(sample.output(), tangents);

      assertThat(forward)
          .as("%s", sample)
          .isCloseTo(reverse(sample.output(), tangents), within(1e-9 * scale(forward)));
    }
  }

  private static double scale(double x) {
    return Math.max(1.0, Math.abs(x));
  }

  static Stream<Long> seeds() {
    return LongStream.range(0, 200).boxed();
  }

  static List<GoldenCase> goldenCases() {
    return GoldenCase.load();
  }

  /**
   * One case of src/test/resources/pytorch-gradients.json, built into an expression. A local
   * stand-in until the shared test loader ({@code Golden}) is on this branch.
   */
  record GoldenCase(
      String name,
      Vector<io.vavr.Tuple2<String, Expr.Leaf>> inputs,
      Expr output,
      double value,
      Map<String, Double> grads) {

    @Override
    public String toString() {
      return name;
    }

    static List<GoldenCase> load() {
      try (InputStream in = JvpTest.class.getResourceAsStream("/pytorch-gradients.json")) {
        JsonNode root = new ObjectMapper().readTree(in);
        return List.ofAll(root.get("cases")).map(GoldenCase::of);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static GoldenCase of(JsonNode json) {
      Vector<io.vavr.Tuple2<String, Expr.Leaf>> inputs = Vector.empty();
      Map<String, Expr> env = HashMap.empty();
      for (var field :
          (Iterable<java.util.Map.Entry<String, JsonNode>>) json.get("inputs")::fields) {
        Expr.Leaf leaf = Expr.of(field.getValue().asDouble(), field.getKey());
        inputs = inputs.append(io.vavr.Tuple.of(field.getKey(), leaf));
        env = env.put(field.getKey(), leaf);
      }
      for (JsonNode step : json.get("steps")) {
        Map<String, Expr> known = env;
        java.util.function.IntFunction<Expr> operand =
            k ->
                step.get(k).isNumber()
                    ? Expr.of(step.get(k).asDouble())
                    : known.get(step.get(k).asText()).get();
        Expr a = operand.apply(2);
        Expr result =
            switch (step.get(1).asText()) {
              case "add" -> a.add(operand.apply(3));
              case "sub" -> a.sub(operand.apply(3));
              case "mul" -> a.mul(operand.apply(3));
              case "div" -> a.div(operand.apply(3));
              case "pow" -> a.pow(step.get(3).asDouble());
              case "neg" -> a.neg();
              case "exp" -> a.exp();
              case "log" -> a.log();
              case "tanh" -> a.tanh();
              case "relu" -> a.relu();
              case "sigmoid" -> a.sigmoid();
              default -> throw new IllegalArgumentException("unknown op " + step.get(1));
            };
        env = env.put(step.get(0).asText(), result);
      }
      Map<String, Double> grads = HashMap.empty();
      for (var field :
          (Iterable<java.util.Map.Entry<String, JsonNode>>) json.get("grads")::fields) {
        grads = grads.put(field.getKey(), field.getValue().asDouble());
      }
      return new GoldenCase(
          json.get("name").asText(),
          inputs,
          env.get(json.get("output").asText()).get(),
          json.get("value").asDouble(),
          grads);
    }
  }
}
