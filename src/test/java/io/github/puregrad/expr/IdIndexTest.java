package io.github.puregrad.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IdIndexTest {

  @Nested
  class Lookup {
    @Test
    void shouldReturnMinusOneWhenIdIsAbsent() {
      IdIndex index = new IdIndex(4);
      index.put(7, 0);

      assertThat(index.get(8)).isEqualTo(-1);
    }

    @Test
    void shouldFindPositionWhenIdIsOnAnotherPageThanTheLastPut() {
      IdIndex index = new IdIndex(4);
      index.put(5, 0);
      index.put(1_000_000, 1);
      index.put(6, 2);

      assertThat(index.get(5)).isEqualTo(0);
      assertThat(index.get(1_000_000)).isEqualTo(1);
      assertThat(index.get(6)).isEqualTo(2);
    }

    @Test
    void shouldKeepNegativeAndExtremeIdsApart() {
      IdIndex index = new IdIndex(4);
      index.put(-1, 0);
      index.put(Long.MAX_VALUE, 1);
      index.put(Long.MIN_VALUE, 2);
      index.put(0, 3);

      assertThat(index.get(-1)).isEqualTo(0);
      assertThat(index.get(Long.MAX_VALUE)).isEqualTo(1);
      assertThat(index.get(Long.MIN_VALUE)).isEqualTo(2);
      assertThat(index.get(0)).isEqualTo(3);
    }
  }

  @Nested
  class Growth {
    @Test
    void shouldFindEveryIdWhenIdsAreSparseAndTheTableGrows() {
      SplittableRandom random = new SplittableRandom(42);
      long[] ids = random.longs(20_000).toArray();
      IdIndex index = new IdIndex(1);
      for (int i = 0; i < ids.length; i++) {
        index.put(ids[i], i);
      }

      for (int i = 0; i < ids.length; i++) {
        assertThat(index.get(ids[i])).as("id %d", ids[i]).isEqualTo(i);
      }
    }

    @Test
    void shouldFindEveryIdWhenIdsAreConsecutive() {
      IdIndex index = new IdIndex(1);
      for (int i = 0; i < 100_000; i++) {
        index.put(3_000_000L + i, i);
      }

      assertThat(index.get(3_000_000L)).isZero();
      assertThat(index.get(3_000_000L + 99_999)).isEqualTo(99_999);
      assertThat(index.get(3_000_000L + 100_000)).isEqualTo(-1);
    }
  }
}
