package io.github.puregrad.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DigitsTest {

  @Nested
  class Scikit {
    @Test
    void shouldHoldScikitLearnsDigitsInItsOrder() {
      Dataset all = Digits.scikit();
      assertThat(all.size()).isEqualTo(1797);
      assertThat(all.inputSize()).isEqualTo(64);
      // load_digits(): the first image is a 0, its top row 0, 0, 5, 13, 9, 1, 0, 0
      assertThat(all.targets().take(3)).containsExactly(0.0, 1.0, 2.0);
      assertThat(all.inputs().head().take(8))
          .containsExactly(0.0, 0.0, 5.0, 13.0, 9.0, 1.0, 0.0, 0.0);
      assertThat(all.targets().distinct().sorted())
          .isEqualTo(Vector.range(0, 10).map(k -> k * 1.0));
      assertThat(all.inputs().flatMap(row -> row))
          .allSatisfy(p -> assertThat(p).isBetween(0.0, 16.0));
    }
  }

  @Nested
  class Split {
    @Test
    void shouldSplitTheFirst1437RowsFromTheLast360ScaledToOne() {
      Dataset train = Digits.train();
      Dataset test = Digits.test();
      Dataset all = Digits.scikit();

      assertThat(train.size()).isEqualTo(1437);
      assertThat(test.size()).isEqualTo(360);
      assertThat(test.inputs().head()).isEqualTo(all.inputs().get(1437).map(p -> p / 16));
      assertThat(test.targets().head()).isEqualTo(all.targets().get(1437));
      assertThat(train.inputs().flatMap(row -> row))
          .allSatisfy(p -> assertThat(p).isBetween(0.0, 1.0));
    }
  }
}
