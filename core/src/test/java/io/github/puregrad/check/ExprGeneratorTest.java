package io.github.puregrad.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.puregrad.check.ExprGenerator.Op;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.expr.Graph;
import java.util.EnumSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExprGeneratorTest {

  /** Longest path in operation nodes from a leaf to the output, by dynamic programming. */
  private static int graphDepth(Expr output) {
    Graph graph = Graph.of(output);
    int[] depth = new int[graph.size()];
    for (int p = 0; p < graph.size(); p++) {
      for (int k = 0; k < graph.node(p).arity(); k++) {
        depth[p] = Math.max(depth[p], 1 + depth[graph.operandPosition(p, k)]);
      }
    }
    return depth[graph.size() - 1];
  }

  @Nested
  class Seeds {
    @Test
    void shouldGiveSameProgramForSameSeed() {
      ExprGenerator generator = ExprGenerator.defaults();

      assertThat(generator.sample(11L).program()).isEqualTo(generator.sample(11L).program());
    }

    @Test
    void shouldGiveSameValueForSameSeed() {
      ExprGenerator generator = ExprGenerator.defaults();

      assertThat(generator.sample(11L).output().value())
          .isEqualTo(generator.sample(11L).output().value());
    }

    @Test
    void shouldGiveDifferentProgramsForDifferentSeeds() {
      ExprGenerator generator = ExprGenerator.defaults();

      assertThat(LongStream.range(0, 20).mapToObj(s -> generator.sample(s).program()).distinct())
          .hasSize(20);
    }
  }

  @Nested
  class Configuration {
    @Test
    void shouldBuildDefaultsFromEmptyBuilder() {
      assertThat(ExprGenerator.builder().build()).isEqualTo(ExprGenerator.defaults());
    }

    @Test
    void shouldDrawFromAllOperationsWhenNoneAreGiven() {
      assertThat(ExprGenerator.defaults().ops()).isEqualTo(EnumSet.allOf(Op.class));
    }

    @Test
    void shouldMakeRequestedNumberOfInputs() {
      ExprGenerator generator = ExprGenerator.builder().inputs(5).build();

      assertThat(generator.sample(1L).inputs())
          .extracting(Expr.Leaf::label)
          .containsExactly("x0", "x1", "x2", "x3", "x4");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.github.puregrad.check.ExprGeneratorTest#seeds")
    void shouldDrawInputsFromRange(long seed) {
      ExprGenerator generator = ExprGenerator.defaults().withRange(3.0, 3.5);

      assertThat(generator.sample(seed).inputs())
          .allSatisfy(leaf -> assertThat(leaf.value()).isBetween(3.0, 3.5));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.github.puregrad.check.ExprGeneratorTest#seeds")
    void shouldUseOnlyGivenOperations(long seed) {
      ExprGenerator generator = ExprGenerator.defaults().withOps(Op.ADD, Op.TANH);

      assertThat(generator.sample(seed).program().lines())
          .allSatisfy(line -> assertThat(line).matches("v\\d+ = (add|tanh)\\(.*"));
    }

    @Test
    void shouldRejectEmptyRange() {
      assertThatThrownBy(() -> ExprGenerator.defaults().withRange(1.0, -1.0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected a finite input range low <= high, got [1.0, -1.0]");
    }

    @Test
    void shouldRejectDepthZero() {
      assertThatThrownBy(() -> ExprGenerator.defaults().withMaxDepth(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("depth 1, got 2, 12 and 0");
    }

    @Test
    void shouldRejectEmptyOperationList() {
      assertThatThrownBy(() -> ExprGenerator.defaults().withOps())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected at least one operation");
    }
  }

  @Nested
  class Depth {
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.github.puregrad.check.ExprGeneratorTest#seeds")
    void shouldKeepDepthWithinLimit(long seed) {
      ExprGenerator generator = ExprGenerator.defaults().withOperations(60).withMaxDepth(3);

      assertThat(generator.sample(seed).depth()).isBetween(1, 3);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.github.puregrad.check.ExprGeneratorTest#seeds")
    void shouldBoundGraphDepthByNodesPerOperation(long seed) {
      ExprGenerator generator = ExprGenerator.defaults().withOperations(60).withMaxDepth(3);

      assertThat(graphDepth(generator.sample(seed).output()))
          .isLessThanOrEqualTo(3 * ExprGenerator.NODES_PER_OPERATION);
    }

    @Test
    void shouldGrowDeepWhenUnlimited() {
      ExprGenerator generator = ExprGenerator.defaults().withOperations(300);

      assertThat(
              LongStream.range(0, 20)
                  .map(seed -> generator.sample(seed).depth())
                  .max()
                  .orElseThrow())
          .isGreaterThan(20);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.github.puregrad.check.ExprGeneratorTest#seeds")
    void shouldStayDifferentiableWhenDeep(long seed) {
      ExprGenerator.Sample sample =
          ExprGenerator.defaults().withOperations(100).withMaxDepth(40).sample(seed);

      assertThat(GradCheck.of(sample.output()).passed()).as("%s", sample).isTrue();
    }
  }

  static Stream<Long> seeds() {
    return LongStream.range(0, 50).boxed();
  }
}
