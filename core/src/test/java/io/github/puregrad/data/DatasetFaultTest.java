package io.github.puregrad.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DatasetFaultTest {
  @Nested
  class NonFinite {
    @Test
    void shouldRejectNaNInDatasetNamingRowAndColumn() {
      assertThatThrownBy(
              () -> Dataset.of(new double[][] {{1, 2}, {3, Double.NaN}}, new double[] {0, 1}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("row 1, column 1: expected a finite input, got NaN");
    }
  }
}
