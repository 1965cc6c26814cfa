package io.github.puregrad.save;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.data.Moons;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.nn.Activation;
import io.github.puregrad.nn.Mlp;
import io.github.puregrad.optim.Adam;
import io.github.puregrad.optim.Optimizer;
import io.github.puregrad.optim.Schedule;
import io.github.puregrad.optim.Sgd;
import io.github.puregrad.train.Checkpoint;
import io.github.puregrad.train.Objective;
import io.github.puregrad.train.TrainConfig;
import io.github.puregrad.train.Trainer;
import io.vavr.collection.HashMap;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SaveFileTest {
  @TempDir Path dir;

  private static final Trainer<Mlp, Sgd.Velocity> LECTURE =
      Trainer.of(Objective.sumOfSquares(), Sgd.of(Schedule.constant(0.1)));

  private static Mlp lectureModel(long seed) {
    return Mlp.of(3, List.of(4, 4, 1), new SplittableRandom(seed));
  }

  private static Vector<Long> bits(Mlp model) {
    return model.parameters().map(p -> Double.doubleToRawLongBits(p.value()));
  }

  private static Vector<Long> bits(Vector<Double> values) {
    return values.map(Double::doubleToRawLongBits);
  }

  /** A value of any magnitude and sign, -0.0 and subnormals included. */
  private static double anyFinite(SplittableRandom random) {
    return switch (random.nextInt(5)) {
      case 0 -> -0.0;
      case 1 -> Double.MIN_VALUE * random.nextInt(1, 1000);
      case 2 ->
          Double.longBitsToDouble(random.nextLong() & 0x7FEFFFFFFFFFFFFFL)
              * (random.nextBoolean() ? 1 : -1);
      default -> random.nextDouble(-10, 10);
    };
  }

  private static Vector<Double> anyValues(SplittableRandom random, int n) {
    return Vector.fill(n, () -> anyFinite(random));
  }

  @Nested
  class RoundTrip {
    static Stream<Long> seeds() {
      return Stream.iterate(1L, s -> s + 1).limit(40);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldGiveBackTheModelAndPlainSgdStateBitForBit(long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      Mlp model = lectureModel(seed).withValues(anyValues(random, 41));
      Checkpoint<Mlp, Sgd.Velocity> saved =
          new Checkpoint<>(
              random.nextInt(1000),
              model,
              new Sgd.Velocity(random.nextLong(0, Long.MAX_VALUE), Vector.empty()),
              lectureModel(seed).withValues(anyValues(random, 41)));
      Checkpoint<Mlp, Sgd.Velocity> loaded = roundTrip(LECTURE, saved);
      assertThat(bits(loaded.model())).isEqualTo(bits(saved.model()));
      assertThat(bits(loaded.lastGood())).isEqualTo(bits(saved.lastGood()));
      assertThat(loaded.state()).isEqualTo(saved.state());
      assertThat(loaded.epoch()).isEqualTo(saved.epoch());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldGiveBackTheVelocityOfSgdWithMomentumBitForBit(long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      Trainer<Mlp, Sgd.Velocity> momentum =
          Trainer.of(Objective.sumOfSquares(), Sgd.of(Schedule.constant(0.1)).withMomentum(0.9));
      Sgd.Velocity state = new Sgd.Velocity(random.nextLong(0, 1000), anyValues(random, 41));
      Mlp model = lectureModel(seed);
      Sgd.Velocity loaded = roundTrip(momentum, new Checkpoint<>(3, model, state, model)).state();
      assertThat(bits(loaded.velocity())).isEqualTo(bits(state.velocity()));
      assertThat(loaded.step()).isEqualTo(state.step());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldGiveBackAdamsMomentsAndStepBitForBit(long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      Trainer<Mlp, Adam.Moments> adam = Trainer.of(Objective.sumOfSquares(), adam());
      Adam.Moments state =
          new Adam.Moments(random.nextLong(0, 1000), anyValues(random, 41), anyValues(random, 41));
      Mlp model = lectureModel(seed);
      Adam.Moments loaded = roundTrip(adam, new Checkpoint<>(0, model, state, model)).state();
      assertThat(bits(loaded.m())).isEqualTo(bits(state.m()));
      assertThat(bits(loaded.v())).isEqualTo(bits(state.v()));
      assertThat(loaded.step()).isEqualTo(state.step());
    }

    @Test
    void shouldGiveBackTheSettings() {
      Mlp model = lectureModel(1);
      Path file =
          SaveFile.write(
              dir.resolve("run.json"),
              LECTURE,
              LECTURE.start(model),
              LinkedHashMap.of("mode", "seed", "epochs", "20"));
      assertThat(SaveFile.read(file, LECTURE, model).settings())
          .isEqualTo(LinkedHashMap.of("mode", "seed", "epochs", "20"));
    }

    private <S> Checkpoint<Mlp, S> roundTrip(Trainer<Mlp, S> trainer, Checkpoint<Mlp, S> saved) {
      Path file = SaveFile.write(dir.resolve("run.json"), trainer, saved, HashMap.empty());
      return SaveFile.read(file, trainer, lectureModel(99)).checkpoint();
    }
  }

  @Nested
  @Tag("slow")
  class Resume {
    @Test
    void shouldContinueMicrogradsMoonsRunBitForBitAfterStoppingAtStep40() throws IOException {
      Dataset data = Moons.micrograd();
      Mlp model =
          Mlp.of(2, List.of(16, 16, 1), Activation.RELU, Activation.LINEAR, new SplittableRandom(0))
              .withValues(Moons.microgradInit());
      Trainer<Mlp, Sgd.Velocity> trainer =
          Trainer.of(Objective.hinge(1e-4), Sgd.of(Schedule.linear(1.0, 0.1, 100)));
      assertThat(resumed(trainer, model, data, 40, 100))
          .isEqualTo(straight(trainer, model, data, 100));
    }

    @Test
    void shouldContinueAdamWithMiniBatchesBitForBit() {
      Dataset data = Moons.generate(40, 0.1, new SplittableRandom(5));
      Mlp model =
          Mlp.of(2, List.of(8, 1), Activation.RELU, Activation.LINEAR, new SplittableRandom(5));
      Trainer<Mlp, Adam.Moments> trainer =
          new Trainer<>(
              Objective.hinge(1e-4), adam(), TrainConfig.builder().batchSize(16).seed(11).build());
      assertThat(resumed(trainer, model, data, 7, 15))
          .isEqualTo(straight(trainer, model, data, 15));
    }

    /** Losses and final parameters of a run of {@code epochs} epochs, as bits. */
    private <S> Vector<Long> straight(
        Trainer<Mlp, S> trainer, Mlp model, Dataset data, int epochs) {
      Vector<Long> losses = Vector.empty();
      java.util.List<Long> out = new java.util.ArrayList<>();
      Checkpoint<Mlp, S> end =
          trainer
              .run(
                  trainer.start(model),
                  data,
                  epochs,
                  e -> out.add(Double.doubleToRawLongBits(e.loss())))
              .get();
      return losses.appendAll(out).appendAll(bits(end.model()));
    }

    private <S> Vector<Long> resumed(
        Trainer<Mlp, S> trainer, Mlp model, Dataset data, int stop, int epochs) {
      java.util.List<Long> out = new java.util.ArrayList<>();
      Checkpoint<Mlp, S> half =
          trainer
              .run(
                  trainer.start(model),
                  data,
                  stop,
                  e -> out.add(Double.doubleToRawLongBits(e.loss())))
              .get();
      Path file = SaveFile.write(dir.resolve("half.json"), trainer, half, HashMap.empty());
      Checkpoint<Mlp, S> loaded = SaveFile.read(file, trainer, model).checkpoint();
      Checkpoint<Mlp, S> end =
          trainer
              .run(loaded, data, epochs, e -> out.add(Double.doubleToRawLongBits(e.loss())))
              .get();
      return Vector.ofAll(out).appendAll(bits(end.model()));
    }
  }

  @Nested
  class Refused {
    private Path saved() {
      Mlp model = lectureModel(1);
      Checkpoint<Mlp, Sgd.Velocity> checkpoint =
          LECTURE.run(LECTURE.start(model), Dataset.lecture(), 3, e -> {}).get();
      return SaveFile.write(dir.resolve("run.json"), LECTURE, checkpoint, HashMap.empty());
    }

    private String edited(String from, String to) throws IOException {
      Path file = saved();
      String text = Files.readString(file);
      assertThat(text).contains(from);
      Files.writeString(file, text.replace(from, to));
      return file.toString();
    }

    private void assertRefused(Path file, String message) {
      assertThatThrownBy(() -> SaveFile.read(file, LECTURE, lectureModel(2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(message);
    }

    @Test
    void shouldRefuseATruncatedFileInOneLine() throws IOException {
      Path file = saved();
      byte[] bytes = Files.readAllBytes(file);
      Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
      assertThatThrownBy(() -> SaveFile.read(file, LECTURE, lectureModel(2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(file + ": truncated or not JSON (line ")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void shouldRefuseAnEmptyFile() throws IOException {
      Path file = Files.writeString(dir.resolve("empty.json"), "");
      assertRefused(file, file + ": expected a puregrad-checkpoint document, got nothing");
    }

    @Test
    void shouldRefuseCorruptedBytes() throws IOException {
      Path file = saved();
      byte[] bytes = Files.readAllBytes(file);
      bytes[bytes.length / 3] = (byte) 0xFF; // in the middle of the model's parameters
      Files.write(file, bytes);
      assertThatThrownBy(() -> SaveFile.read(file, LECTURE, lectureModel(2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(file.toString() + ": ")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void shouldRefuseAnotherVersion() throws IOException {
      String file = edited("\"version\" : 2", "\"version\" : 3");
      assertRefused(Path.of(file), file + ": expected version 1 or 2 of the format, got version 3");
    }

    @Test
    void shouldRefuseAnotherFormat() throws IOException {
      String file = edited("puregrad-checkpoint", "something-else");
      assertRefused(
          Path.of(file),
          file + ": expected a puregrad-checkpoint document, got \"something-else\"");
    }

    @Test
    void shouldRefuseAModelOfAnotherShape() {
      Mlp model = lectureModel(1);
      Path file = savedAtStart(model);
      Mlp other = Mlp.of(3, List.of(4, 1), new SplittableRandom(1));
      assertThatThrownBy(() -> SaveFile.read(file, LECTURE, other))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(file + ": expected a model MLP(3, [4, 1]), got \"MLP(3, [4, 4, 1])\"");
    }

    @Test
    void shouldRefuseAParameterListOfTheWrongLength() throws IOException {
      String file = edited("\"parameters\" : [ ", "\"parameters\" : [ 1.0, ");
      assertRefused(Path.of(file), file + ": expected 41 numbers at 'model.parameters', got 42");
    }

    @Test
    void shouldRefuseANumberThatIsNotFinite() throws IOException {
      Path file = saved();
      Files.writeString(
          file, Files.readString(file).replaceFirst("(\"lastGood\" : \\[ )[^,]+", "$11e999"));
      assertRefused(file, file + ": expected a finite number at 'lastGood[0]', got Infinity");
    }

    @Test
    void shouldRefuseTheStateOfAnotherOptimizer() {
      Mlp model = lectureModel(1);
      Path file = savedAtStart(model);
      Trainer<Mlp, Adam.Moments> adam = Trainer.of(Objective.sumOfSquares(), adam());
      assertThatThrownBy(() -> SaveFile.read(file, adam, model))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              file
                  + ": expected the state of the trainer's optimizer"
                  + " (io.github.puregrad.optim.Adam$Moments), got \"sgd\"");
    }

    @Test
    void shouldSaySoWhenTheFileDoesNotExist() {
      Path file = dir.resolve("missing.json");
      assertThatThrownBy(() -> SaveFile.read(file, LECTURE, lectureModel(2)))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage("cannot read " + file + ": " + file + ": no such file or directory");
    }

    @Test
    void shouldRefuseSettingsThatAreNotAnObject() throws IOException {
      Path file = saved();
      Files.writeString(
          file, Files.readString(file).replaceFirst("\"settings\" : \\{ ?}", "\"settings\" : 7"));
      assertRefused(file, file + ": expected an object at 'settings', got 7");
    }

    @Test
    void shouldRefuseParametersThatAreNotAnArray() throws IOException {
      Path file = saved();
      Files.writeString(
          file,
          Files.readString(file).replaceFirst("(\"lastGood\" : )\\[[^\\]]*\\]", "$1\"none\""));
      assertRefused(file, file + ": expected an array of numbers at 'lastGood', got \"none\"");
    }

    @Test
    void shouldRefuseANegativeEpoch() throws IOException {
      String file = edited("\"epoch\" : 3", "\"epoch\" : -3");
      assertRefused(
          Path.of(file),
          file
              + ": expected a whole number from 0 to "
              + Integer.MAX_VALUE
              + " at 'epoch', got -3");
    }

    @Test
    void shouldRefuseARunSavedWithOtherBatching() {
      Mlp model = lectureModel(1);
      Path file = savedAtStart(model);
      Trainer<Mlp, Sgd.Velocity> batched =
          new Trainer<>(
              Objective.sumOfSquares(),
              Sgd.of(Schedule.constant(0.1)),
              TrainConfig.builder().batchSize(2).seed(3).build());
      assertThatThrownBy(() -> SaveFile.read(file, batched, model))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              file
                  + ": saved with full batch and seed 0, but the trainer has batch size 2 and seed 3");
    }
  }

  @Nested
  class Writing {
    @Test
    void shouldReplaceAnExistingFileAndLeaveNoTemporaryFile() throws IOException {
      Path file = Files.writeString(dir.resolve("run.json"), "old");
      Mlp model = lectureModel(1);
      SaveFile.write(file, LECTURE, LECTURE.start(model), HashMap.empty());
      assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("puregrad-checkpoint");
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files).containsExactly(file);
      }
    }

    @Test
    void shouldNameTheCauseWhenTheFileCannotBeWritten() throws IOException {
      Path notADirectory = Files.writeString(dir.resolve("plain"), "x");
      Path file = notADirectory.resolve("run.json");
      Mlp model = lectureModel(1);
      assertThatThrownBy(() -> SaveFile.write(file, LECTURE, LECTURE.start(model), HashMap.empty()))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageStartingWith("cannot write " + file + ": ")
          .hasMessageContaining("plain");
    }

    @Test
    void shouldLeaveNoTemporaryFileWhenTheFileCannotBeReplaced() throws IOException {
      Path file = Files.createDirectories(dir.resolve("run.json")); // a directory, not empty
      Files.writeString(file.resolve("inside"), "x");
      Mlp model = lectureModel(1);
      assertThatThrownBy(() -> SaveFile.write(file, LECTURE, LECTURE.start(model), HashMap.empty()))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageStartingWith("cannot write " + file + ": ");
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files).containsExactly(file);
      }
    }

    @Test
    void shouldRefuseAStateItCannotHold() {
      Optimizer<String> odd =
          new Optimizer<>() {
            @Override
            public String init(io.github.puregrad.nn.Model<?> model) {
              return "state";
            }

            @Override
            public Optimizer.Moved<String> move(
                Vector<Double> values, Vector<Double> gradients, String state) {
              return new Optimizer.Moved<>(values, state);
            }
          };
      Trainer<Mlp, String> trainer = Trainer.of(Objective.sumOfSquares(), odd);
      Mlp model = lectureModel(1);
      assertThatThrownBy(
              () ->
                  SaveFile.write(
                      dir.resolve("x.json"), trainer, trainer.start(model), HashMap.empty()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected an Sgd.Velocity or an Adam.Moments to save, got java.lang.String");
    }
  }

  @Nested
  class Seeds {
    @ParameterizedTest
    @ValueSource(longs = {-7, Long.MIN_VALUE, Long.MAX_VALUE})
    void shouldGiveBackARunSavedWithANegativeOrExtremeSeed(long seed) {
      Trainer<Mlp, Sgd.Velocity> batched =
          new Trainer<>(
              Objective.sumOfSquares(),
              Sgd.of(Schedule.constant(0.1)),
              TrainConfig.builder().batchSize(2).seed(seed).build());
      Mlp model = lectureModel(1);
      Checkpoint<Mlp, Sgd.Velocity> half =
          batched.run(batched.start(model), Dataset.lecture(), 3, e -> {}).get();
      Path file = SaveFile.write(dir.resolve("run.json"), batched, half, HashMap.empty());
      Checkpoint<Mlp, Sgd.Velocity> loaded = SaveFile.read(file, batched, model).checkpoint();
      assertThat(bits(loaded.model())).isEqualTo(bits(half.model()));
      assertThat(loaded.epoch()).isEqualTo(3);
    }
  }

  @Nested
  class Data {
    private final SaveFile.Data lecture = SaveFile.Data.of("lecture", Dataset.lecture());

    private Path savedOn(SaveFile.Data data) {
      Mlp model = lectureModel(1);
      return SaveFile.write(
          dir.resolve("run.json"),
          LECTURE,
          new SaveFile.Saved<>(LECTURE.start(model), data, HashMap.empty()));
    }

    @Test
    void shouldRecordTheSourceAndAChecksumOfTheValues() {
      Path file = savedOn(lecture);
      assertThat(SaveFile.read(file, LECTURE, lectureModel(2), lecture).data()).contains(lecture);
      // the SHA-256 of 4, 3, then each row's inputs and target as big-endian double bits,
      // computed by hand with java.security.MessageDigest
      assertThat(lecture.toString()).startsWith("lecture (4 rows of 3 inputs, sha256 ");
    }

    @Test
    void shouldRefuseARunSavedFromOtherDataNamingBothSources() {
      Dataset other = Dataset.of(new double[][] {{1, 2}, {3, 4}}, new double[] {1, -1});
      SaveFile.Data saved = SaveFile.Data.of("other.csv", other);
      Path file = savedOn(saved);
      assertThatThrownBy(() -> SaveFile.read(file, LECTURE, lectureModel(2), lecture))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(file + ": saved from " + saved + ", but the data is " + lecture)
          .hasMessageContaining("other.csv (2 rows of 2 inputs, sha256 ")
          .hasMessageContaining("lecture (4 rows of 3 inputs, sha256 ");
    }

    @Test
    void shouldRefuseDataThatDiffersInOneBit() {
      Dataset data = Dataset.lecture();
      Dataset nudged =
          new Dataset(data.inputs(), data.targets().update(3, Math.nextUp(data.targets().get(3))));
      Path file = savedOn(lecture);
      assertThatThrownBy(
              () ->
                  SaveFile.read(
                      file, LECTURE, lectureModel(2), SaveFile.Data.of("lecture", nudged)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(file + ": saved from lecture (4 rows of 3 inputs, sha256 ");
    }

    @Test
    void shouldAcceptTheSameValuesUnderAnotherName() {
      Path file = savedOn(lecture);
      SaveFile.Data copy = SaveFile.Data.of("copy-of-lecture.csv", Dataset.lecture());
      assertThat(SaveFile.read(file, LECTURE, lectureModel(2), copy).checkpoint().epoch()).isZero();
    }

    @Test
    void shouldHashTheValuesAsDocumented() throws Exception {
      java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(8 + 8 * 2);
      bytes
          .putInt(1)
          .putInt(1)
          .putLong(Double.doubleToLongBits(0.5))
          .putLong(Double.doubleToLongBits(-1.0));
      String expected =
          java.util.HexFormat.of()
              .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes.array()));
      Dataset one = Dataset.of(new double[][] {{0.5}}, new double[] {-1.0});
      assertThat(SaveFile.Data.of("one", one).sha256()).isEqualTo(expected);
    }
  }

  @Nested
  class Divergences {
    @Test
    void shouldKeepTheLastGoodStateWithTheReasonAndTheStep() {
      Trainer<Mlp, Sgd.Velocity> wild = LECTURE;
      Mlp model = lectureModel(1);
      Checkpoint<Mlp, Sgd.Velocity> at = wild.start(model);
      io.github.puregrad.train.Divergence<Mlp> divergence =
          new io.github.puregrad.train.Divergence<>(
              0,
              0,
              new io.github.puregrad.train.Divergence.Reason.NonFiniteLoss(Double.NaN),
              model,
              model);
      Path file =
          SaveFile.write(
              dir.resolve("div.json"),
              wild,
              new SaveFile.Saved<>(
                  at,
                  io.vavr.control.Option.none(),
                  io.vavr.control.Option.some(SaveFile.Diverged.of(divergence)),
                  HashMap.empty()));
      SaveFile.Saved<Mlp, Sgd.Velocity> loaded = SaveFile.read(file, wild, model);
      assertThat(loaded.divergence())
          .contains(new SaveFile.Diverged(0, 0, divergence.reason().message()));
      assertThat(bits(loaded.checkpoint().model())).isEqualTo(bits(model));
    }
  }

  @Nested
  class Strict {
    private Path saved() {
      Mlp model = lectureModel(1);
      return SaveFile.write(
          dir.resolve("run.json"),
          LECTURE,
          LECTURE.start(model),
          LinkedHashMap.of("mode", "seed", "note", "x"));
    }

    private void assertRefused(Path file, String message) {
      assertThatThrownBy(() -> SaveFile.read(file, LECTURE, lectureModel(2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(file + ": " + message);
    }

    @Test
    void shouldRefuseGarbageAfterTheDocument() throws IOException {
      Path file = saved();
      Files.writeString(file, Files.readString(file) + "\ngarbage");
      assertThatThrownBy(() -> SaveFile.read(file, LECTURE, lectureModel(2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(file + ": expected one JSON document, got more after it (line ");
    }

    @Test
    void shouldRefuseTwoDocuments() throws IOException {
      Path file = saved();
      String text = Files.readString(file);
      Files.writeString(file, text + text);
      assertThatThrownBy(() -> SaveFile.read(file, LECTURE, lectureModel(2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(file + ": expected one JSON document, got more after it (line ");
    }

    @Test
    void shouldRefuseASaveFileWithDuplicateKeys() throws IOException {
      Path file = saved();
      Files.writeString(
          file, Files.readString(file).replace("\"epoch\" : 0", "\"epoch\" : 0, \"epoch\" : 7"));
      assertThatThrownBy(() -> SaveFile.read(file, LECTURE, lectureModel(2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(file + ": expected each field once, got \"epoch\" twice (line ");
    }

    @Test
    void shouldRefuseANullSettingNamingIt() throws IOException {
      Path file = saved();
      Files.writeString(
          file, Files.readString(file).replace("\"note\" : \"x\"", "\"note\" : null"));
      assertRefused(file, "expected a string at 'settings.note', got null");
    }

    @Test
    void shouldRefuseAnUnknownFieldNamingIt() throws IOException {
      Path file = saved();
      Files.writeString(
          file, Files.readString(file).replace("\"epoch\" : 0", "\"epoch\" : 0, \"extra\" : 1"));
      assertThatThrownBy(() -> SaveFile.read(file, LECTURE, lectureModel(2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(file + ": expected only the fields format, version, ")
          .hasMessageEndingWith(", got \"extra\"");
    }

    @Test
    void shouldRefuseAnUnknownFieldInsideTheModel() throws IOException {
      Path file = saved();
      Files.writeString(
          file,
          Files.readString(file).replace("\"type\" : \"MLP", "\"bias\" : 2, \"type\" : \"MLP"));
      assertRefused(file, "expected only the fields type, parameters in 'model', got \"bias\"");
    }

    @Test
    void shouldRefuseAnEditedParameterByItsChecksum() throws IOException {
      Path file = saved();
      Files.writeString(
          file, Files.readString(file).replaceFirst("(\"parameters\" : \\[ )-?[0-9]", "$19"));
      assertRefused(
          file,
          "expected the checksum of its content at 'checksum', got another: the file was damaged"
              + " or edited");
    }

    @Test
    void shouldLoadAFileWhoseNumbersAreWrittenOtherwise() throws IOException {
      Path file = saved();
      Files.writeString(
          file, Files.readString(file).replace("\"rate\" : 0.1", "\"rate\" : 1.0e-1"));
      assertThat(SaveFile.read(file, LECTURE, lectureModel(2)).checkpoint().epoch()).isZero();
    }

    @Test
    void shouldRefuseAnotherLearningRateNamingTheSchedule() {
      Path file = saved();
      Trainer<Mlp, Sgd.Velocity> other =
          Trainer.of(Objective.sumOfSquares(), Sgd.of(Schedule.constant(0.2)));
      assertThatThrownBy(() -> SaveFile.read(file, other, lectureModel(2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              file
                  + ": saved with the schedule \"Schedule.constant(0.1)\", but the trainer's is"
                  + " Schedule.constant(0.2)");
    }

    @Test
    void shouldRefuseAnotherMomentum() {
      Path file = saved();
      Trainer<Mlp, Sgd.Velocity> other =
          Trainer.of(Objective.sumOfSquares(), Sgd.of(Schedule.constant(0.1)).withMomentum(0.5));
      assertThatThrownBy(() -> SaveFile.read(file, other, lectureModel(2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(file + ": ");
    }

    @Test
    void shouldGiveTheSettingsBeforeTheRun() {
      assertThat(SaveFile.settings(saved()))
          .isEqualTo(LinkedHashMap.of("mode", "seed", "note", "x"));
    }

    @Test
    void shouldKeepControlCharactersOfASavedModeEscapedInItsMessages() throws IOException {
      Path file = saved();
      Files.writeString(
          file,
          Files.readString(file)
              .replace("\"format\" : \"puregrad-checkpoint\"", "\"format\" : \"\\u001B[31m\""));
      assertRefused(file, "expected a puregrad-checkpoint document, got \"\\u001B[31m\"");
    }
  }

  @Nested
  class VersionOne {
    /** A file as version 1 wrote it, with a negative seed it could write but not read. */
    private static final String FILE =
        "{ \"format\" : \"puregrad-checkpoint\", \"version\" : 1, \"epoch\" : 3,"
            + " \"batchSize\" : 2, \"seed\" : -7,"
            + " \"model\" : { \"type\" : \"MLP(1, [1])\", \"parameters\" : [ 0.5, -0.25 ] },"
            + " \"lastGood\" : [ 0.0, 1.0 ],"
            + " \"optimizer\" : { \"type\" : \"sgd\", \"step\" : 6, \"velocity\" : [ ] },"
            + " \"settings\" : { \"mode\" : \"seed\" } }";

    private final Mlp template = Mlp.of(1, List.of(1), new SplittableRandom(1));
    private final Trainer<Mlp, Sgd.Velocity> trainer =
        new Trainer<>(
            Objective.sumOfSquares(),
            Sgd.of(Schedule.constant(0.1)),
            TrainConfig.builder().batchSize(2).seed(-7).build());

    @Test
    void shouldReadAVersionOneFile() throws IOException {
      Path file = Files.writeString(dir.resolve("v1.json"), FILE);
      SaveFile.Saved<Mlp, Sgd.Velocity> saved = SaveFile.read(file, trainer, template);
      assertThat(saved.checkpoint().model().parameters().map(Expr.Leaf::value))
          .containsExactly(0.5, -0.25);
      assertThat(saved.checkpoint().state()).isEqualTo(new Sgd.Velocity(6, Vector.empty()));
      assertThat(saved.data()).isEmpty();
      assertThat(saved.settings()).isEqualTo(LinkedHashMap.of("mode", "seed"));
    }

    @Test
    void shouldRefuseANullSettingInAVersionOneFile() throws IOException {
      Path file = Files.writeString(dir.resolve("v1.json"), FILE.replace("\"seed\" }", "null }"));
      assertThatThrownBy(() -> SaveFile.read(file, trainer, template))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(file + ": expected a string at 'settings.mode', got null");
    }
  }

  @Nested
  class Size {
    @Test
    void shouldRefuseA216MegabyteFileInOneLine() throws IOException {
      Path file = dir.resolve("huge.json");
      try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(file.toFile(), "rw")) {
        sparse.setLength(216_000_000L); // sparse: no disk space, no time
      }
      assertThatThrownBy(() -> SaveFile.read(file, LECTURE, lectureModel(2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              file
                  + ": expected a save file of at most 67108864 bytes (64 MiB), got 216000000 bytes");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void shouldRefuseAnEndlessDeviceInOneLine() {
      assertThatThrownBy(() -> SaveFile.read(Path.of("/dev/zero"), LECTURE, lectureModel(2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "/dev/zero: expected a save file of at most 67108864 bytes (64 MiB), got more");
    }
  }

  @Nested
  class Targets {
    private Path write(Path file) {
      Mlp model = lectureModel(1);
      return SaveFile.write(file, LECTURE, LECTURE.start(model), HashMap.empty());
    }

    @Test
    void shouldWriteThroughASymlinkAndKeepIt() throws IOException {
      Path real =
          Files.writeString(
              Files.createDirectories(dir.resolve("real")).resolve("run.json"), "old");
      Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("real", "run.json"));
      write(link);
      assertThat(Files.isSymbolicLink(link)).isTrue();
      assertThat(Files.readString(real)).contains("puregrad-checkpoint");
      assertThat(SaveFile.read(link, LECTURE, lectureModel(2)).checkpoint().epoch()).isZero();
      try (Stream<Path> files = Files.list(dir.resolve("real"))) {
        assertThat(files).containsExactly(real);
      }
    }

    @Test
    void shouldKeepThePermissionsOfTheReplacedFile() throws IOException {
      Path file = Files.writeString(dir.resolve("run.json"), "old");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      write(file);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-r--r--");
    }

    @Test
    void shouldGiveANewFileMoreThanOwnerOnlyPermissionsUnderTheUsualUmask() throws IOException {
      Path file = write(dir.resolve("new.json"));
      // createTempFile's 0600 was the saved file's; now the umask decides, as for any new file
      assertThat(Files.getPosixFilePermissions(file)).contains(PosixFilePermission.OWNER_READ);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isNotEqualTo("rw-------");
    }

    @Test
    void shouldRefuseTheRootDirectoryAsASaveTarget() {
      assertThatThrownBy(() -> SaveFile.requireWritable(Path.of("/")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("cannot save to /: expected a file name, got a directory");
      assertThatThrownBy(() -> write(Path.of("/")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("cannot save to /: expected a file name, got a directory");
    }

    @Test
    void shouldRefuseADirectoryAsASaveTarget() {
      assertThatThrownBy(() -> SaveFile.requireWritable(dir))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("cannot save to " + dir + ": expected a file, got a directory");
    }

    @Test
    void shouldSaveUnderA235CharacterName() {
      Path file = dir.resolve("r".repeat(230) + ".json");
      assertThat(SaveFile.requireWritable(file)).isEqualTo(file);
      write(file);
      assertThat(SaveFile.read(file, LECTURE, lectureModel(2)).checkpoint().epoch()).isZero();
    }

    @Test
    void shouldRefuseANameWithNoRoomForTheTemporarySuffixBeforeTheRun() {
      Path file = dir.resolve("r".repeat(245) + ".json");
      assertThatThrownBy(() -> SaveFile.requireWritable(file))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "cannot save to "
                  + file
                  + ": expected a file name of at most 241 bytes (the temporary file adds 14 to"
                  + " it), got 250");
    }

    @Test
    void shouldRefuseADirectoryThatDoesNotExist() {
      Path file = dir.resolve("missing").resolve("run.json");
      assertThatThrownBy(() -> SaveFile.requireWritable(file))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "cannot save to "
                  + file
                  + ": expected a directory at "
                  + file.getParent()
                  + ", got nothing");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void shouldRefuseADeviceAsASaveTarget() {
      assertThatThrownBy(() -> SaveFile.requireWritable(Path.of("/dev/null")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("cannot save to /dev/null: expected a regular file, got a device or a pipe");
    }

    @Test
    void shouldLeaveNoProbeBehind() throws IOException {
      SaveFile.requireWritable(dir.resolve("run.json"));
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files).isEmpty();
      }
    }
  }

  /** {@return a file holding the start of a lecture run from {@code model}} */
  private Path savedAtStart(Mlp model) {
    return SaveFile.write(dir.resolve("run.json"), LECTURE, LECTURE.start(model), HashMap.empty());
  }

  private static Adam adam() {
    return Adam.builder().learningRate(Schedule.constant(0.01)).build();
  }

  @Test
  void shouldKeepParameterIdsOfTheTemplate() {
    Mlp model = lectureModel(1);
    Path file =
        SaveFile.write(dir.resolve("run.json"), LECTURE, LECTURE.start(model), HashMap.empty());
    Mlp loaded = SaveFile.read(file, LECTURE, model).checkpoint().model();
    assertThat(loaded.parameters().map(Expr::id)).isEqualTo(model.parameters().map(Expr::id));
  }
}
