package io.github.puregrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.Vector;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataTest {

  @Nested
  class Lecture {
    @Test
    void shouldHoldTheFourExamplesOfTheLecture() {
      Dataset data = Dataset.lecture();
      assertThat(data.inputs())
          .containsExactly(
              Vector.of(2.0, 3.0, -1.0),
              Vector.of(3.0, -1.0, 0.5),
              Vector.of(0.5, 1.0, 1.0),
              Vector.of(1.0, 1.0, -1.0));
      assertThat(data.targets()).containsExactly(1.0, -1.0, -1.0, 1.0);
    }

    @Test
    void shouldRejectRowsOfDifferentLengths() {
      assertThatThrownBy(() -> Dataset.of(new double[][] {{1, 2}, {3}}, new double[] {0, 1}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("row 1: expected 2 inputs, got 1");
    }
  }

  @Nested
  class Batching {
    @Test
    void shouldKeepEveryExampleWhenShuffled() {
      Dataset shuffled = Dataset.lecture().shuffle(new SplittableRandom(3));
      assertThat(shuffled.inputs()).containsExactlyInAnyOrderElementsOf(Dataset.lecture().inputs());
    }

    @Test
    void shouldShuffleTheSameWayWhenTheSeedIsTheSame() {
      assertThat(Dataset.lecture().shuffle(new SplittableRandom(3)))
          .isEqualTo(Dataset.lecture().shuffle(new SplittableRandom(3)));
    }

    @Test
    void shouldCutBatchesWithASmallerLastOne() {
      assertThat(Dataset.lecture().batches(3).map(Dataset::size)).containsExactly(3, 1);
    }
  }

  @Nested
  class TwoMoons {
    @Test
    void shouldGenerateTheSamePointsWhenTheSeedIsTheSame() {
      assertThat(Moons.generate(50, 0.1, new SplittableRandom(1)))
          .isEqualTo(Moons.generate(50, 0.1, new SplittableRandom(1)));
    }

    @Test
    void shouldSplitThePointsBetweenLabelsMinusOneAndPlusOne() {
      Dataset moons = Moons.generate(51, 0.1, new SplittableRandom(1));
      assertThat(moons.targets().count(y -> y == -1.0)).isEqualTo(25);
      assertThat(moons.targets().count(y -> y == 1.0)).isEqualTo(26);
    }

    @Test
    void shouldPutNoiselessPointsOnTheirHalfCircles() {
      Dataset moons = Moons.generate(20, 0.0, new SplittableRandom(1));
      for (int i = 0; i < moons.size(); i++) {
        double x = moons.inputs().get(i).get(0);
        double y = moons.inputs().get(i).get(1);
        // upper moon: unit circle around (0, 0); lower: unit circle around (1, 0.5)
        double radius = moons.targets().get(i) < 0 ? Math.hypot(x, y) : Math.hypot(x - 1, y - 0.5);
        assertThat(radius).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
      }
    }
  }

  @Nested
  class MicrogradsMoons {
    @Test
    void shouldReadMicrogradsHundredPointsFromTheJarWhenAskedForMicrograd() {
      Dataset moons = Moons.micrograd();
      assertThat(moons.size()).isEqualTo(100);
      assertThat(moons.inputSize()).isEqualTo(2);
      assertThat(moons.targets().count(y -> y == -1.0)).isEqualTo(50);
      assertThat(moons.targets().count(y -> y == 1.0)).isEqualTo(50);
      // the first row of make_moons(n_samples=100, noise=0.1) under numpy's seed 1337
      assertThat(moons.inputs().head()).containsExactly(1.1221146075409683, 0.08147717341718697);
      assertThat(moons.targets().head()).isEqualTo(-1.0);
    }

    @Test
    void shouldHoldOneValuePerParameterOfMicrogradsMlpWhenAskedForItsStart() {
      Vector<Double> init = Moons.microgradInit();
      // MLP(2, [16, 16, 1]): (2 + 1) * 16 + (16 + 1) * 16 + (16 + 1) * 1 parameters
      assertThat(init).hasSize(337);
      assertThat(init.head()).isEqualTo(0.23550571390294128);
    }
  }

  @Nested
  class CsvFiles {
    @Test
    void shouldReadInputsAndTheLastColumnAsTarget() {
      Dataset data = Csv.dataset("t.csv", Vector.of("x0,x1,y", "1.5,-2,1", "", "0,3e2,-1"));
      assertThat(data.inputs()).containsExactly(Vector.of(1.5, -2.0), Vector.of(0.0, 300.0));
      assertThat(data.targets()).containsExactly(1.0, -1.0);
    }

    @Test
    void shouldNameTheLineAndColumnOfAMalformedNumber() {
      assertThatThrownBy(() -> Csv.dataset("t.csv", Vector.of("x0,x1,y", "1,2,3", "4,five,6")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("t.csv line 3, column 2: expected a finite number, got 'five'");
    }

    @Test
    void shouldRejectNaN() {
      assertThatThrownBy(() -> Csv.dataset("t.csv", Vector.of("1,2", "NaN,1")))
          .hasMessage("t.csv line 2, column 1: expected a finite number, got 'NaN'");
    }

    @Test
    void shouldNameTheLineOfARowWithTheWrongWidth() {
      assertThatThrownBy(() -> Csv.dataset("t.csv", Vector.of("a,b,c", "1,2,3", "4,5")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("t.csv line 3: expected 3 columns, got 2");
    }

    @Test
    void shouldReadOneNumberALine() {
      assertThat(Csv.values("init", Vector.of("0.5", "-1", "0.0"))).containsExactly(0.5, -1.0, 0.0);
    }

    @Test
    void shouldReadAFile(@TempDir Path dir) throws Exception {
      Path file = Files.writeString(dir.resolve("d.csv"), "1,2\n3,4\n");
      assertThat(Csv.dataset(file).targets()).containsExactly(2.0, 4.0);
    }

    @Test
    void shouldReportAMissingFile(@TempDir Path dir) {
      assertThatThrownBy(() -> Csv.values(dir.resolve("missing.csv")))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageEndingWith("missing.csv: no such file");
    }
  }
}
