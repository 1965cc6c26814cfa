package io.github.puregrad.save;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.puregrad.data.Dataset;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.nn.Model;
import io.github.puregrad.optim.Adam;
import io.github.puregrad.optim.Optimizer;
import io.github.puregrad.optim.Schedule;
import io.github.puregrad.optim.Sgd;
import io.github.puregrad.train.Checkpoint;
import io.github.puregrad.train.Divergence;
import io.github.puregrad.train.TrainConfig;
import io.github.puregrad.train.Trainer;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A training run saved to a file and read back: a {@link Checkpoint} (the model, the model before
 * the last step, the optimizer state with its moments and step count, the next epoch's index) with
 * everything else that decides the run (the optimizer's hyper-parameters and schedule, the batching
 * and its seed, the data's source and a checksum of its values, the divergence that stopped it if
 * one did) and a few settings of the caller's, as a versioned JSON document (format {@value
 * #FORMAT}, version {@value #VERSION}, which reads version 1 too; Jackson, an optional dependency:
 * add {@code jackson-databind} to use this class).
 *
 * <pre>{@code
 * Checkpoint<Mlp, Sgd.Velocity> half = trainer.run(trainer.start(model), data, 50, e -> {}).get();
 * SaveFile.Data moons = SaveFile.Data.of("moons.csv", data);
 * SaveFile.write(Path.of("run.json"), trainer, new SaveFile.Saved<>(half, moons, HashMap.empty()));
 * SaveFile.Saved<Mlp, Sgd.Velocity> saved = SaveFile.read(Path.of("run.json"), trainer, model, moons);
 * trainer.run(saved.checkpoint(), data, 100, e -> {});   // the same numbers as never stopping
 * }</pre>
 *
 * <p>Numbers are written as Java's shortest exact decimal, so a model and a state come back to the
 * last bit. A file is written to a temporary file in the same directory and then renamed over the
 * target in one atomic step, so a crash mid-write leaves the old file or the new one, never half a
 * file; a symlink stays a symlink (its target is written) and a replaced file keeps its
 * permissions.
 *
 * <p>Reading is strict: one JSON document of at most {@value #MAX_BYTES} bytes, no duplicate keys,
 * no {@code null}, no field the format does not define, every number finite, and a SHA-256 checksum
 * of the content that must match, so a damaged file is refused rather than loaded as another run.
 * It checks the trainer's batching and optimizer, the model's shape and, when given, the data; any
 * fault is one line naming the file and the field.
 */
public final class SaveFile {
  /** The value of the document's {@code "format"} field. */
  public static final String FORMAT = "puregrad-checkpoint";

  /** The version this class writes; it reads this one and version 1. */
  public static final int VERSION = 2;

  /** The largest file {@link #read} reads, in bytes: 64 MiB, about 700,000 parameters. */
  public static final int MAX_BYTES = 64 << 20;

  // duplicate keys are an error, not "the last one wins"
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  static final ObjectMapper JSON =
      new ObjectMapper(FACTORY).enable(SerializationFeature.INDENT_OUTPUT);

  /** The checksum's form of a document: no indentation, so only content counts. */
  static final ObjectMapper COMPACT = new ObjectMapper(FACTORY);

  private SaveFile() {}

  // -- static API

  /**
   * Writes {@code checkpoint} of a run of {@code trainer}, with {@code settings}, to {@code file},
   * atomically: {@link #write(Path, Trainer, Saved)} with no data and no divergence.
   *
   * @return {@code file}
   * @throws IllegalArgumentException if the optimizer or its state is of a kind this format does
   *     not hold (Sgd's and Adam's are supported)
   * @throws UncheckedIOException naming the file and the cause if it cannot be written
   */
  public static <M extends Model<?>, S> Path write(
      Path file, Trainer<M, S> trainer, Checkpoint<M, S> checkpoint, Map<String, String> settings) {
    return write(file, trainer, new Saved<>(checkpoint, settings));
  }

  /**
   * Writes the run {@code saved} of {@code trainer} to {@code file}, atomically (through a symlink
   * to its target, keeping a replaced file's permissions).
   *
   * @return {@code file}
   * @throws IllegalArgumentException if the optimizer or its state is of a kind this format does
   *     not hold (Sgd's and Adam's are supported), or {@code file} names no file
   * @throws UncheckedIOException naming the file and the cause if it cannot be written
   */
  public static <M extends Model<?>, S> Path write(
      Path file, Trainer<M, S> trainer, Saved<M, S> saved) {
    Objects.requireNonNull(file, "file is null");
    Objects.requireNonNull(trainer, "trainer is null");
    Objects.requireNonNull(saved, "saved is null");
    ObjectNode root = document(trainer, saved);
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(root);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot encode the checkpoint: " + e.getOriginalMessage(), e);
    }
    AtomicFile.write(file, bytes);
    return file;
  }

  /**
   * Checks that {@link #write} will be able to write {@code file}, before a run starts rather than
   * after it ends: the name fits (with the temporary file's suffix, in 255 bytes), it is not a
   * directory nor a device, its directory exists, and a file can be created there (one is, then
   * removed). Symlinks are followed, as {@code write} follows them.
   *
   * <pre>{@code
   * SaveFile.requireWritable(Path.of("run.json"));   // throws now, not after an hour of training
   * }</pre>
   *
   * @return {@code file}
   * @throws IllegalArgumentException in one line naming the file if it cannot be a save file
   * @throws UncheckedIOException naming the file and the cause if its directory cannot be written
   */
  public static Path requireWritable(Path file) {
    Objects.requireNonNull(file, "file is null");
    AtomicFile.requireWritable(file);
    return file;
  }

  /**
   * {@return the run saved in {@code file}, for {@code trainer}}
   *
   * @param template a model of the saved run's shape (its values are not used)
   * @throws IllegalArgumentException in one line naming the file (and the field) if it is too
   *     large, truncated, not one JSON document, of another format or version, has a duplicate key,
   *     a {@code null} or a field the format does not define, a checksum that does not match, was
   *     saved with other batching or another optimizer, of another shape, or holds a number that is
   *     not finite
   * @throws UncheckedIOException if the file cannot be read
   */
  public static <M extends Model<?>, S> Saved<M, S> read(
      Path file, Trainer<M, S> trainer, M template) {
    Objects.requireNonNull(file, "file is null");
    Objects.requireNonNull(trainer, "trainer is null");
    Objects.requireNonNull(template, "template is null");
    return Document.parse(file).saved(trainer, template, Option.none());
  }

  /**
   * {@return the run saved in {@code file}, for {@code trainer} on {@code data}}: as {@link
   * #read(Path, Trainer, Model)}, and refuses a run saved from other data (other values; the
   * source's name may differ), in one line naming both sources
   */
  public static <M extends Model<?>, S> Saved<M, S> read(
      Path file, Trainer<M, S> trainer, M template, Data data) {
    Objects.requireNonNull(file, "file is null");
    Objects.requireNonNull(trainer, "trainer is null");
    Objects.requireNonNull(template, "template is null");
    Objects.requireNonNull(data, "data is null");
    return Document.parse(file).saved(trainer, template, Option.some(data));
  }

  /**
   * {@return the caller's settings saved in {@code file}, read before the run itself}: what a
   * caller that keeps the run's length or rate there needs to build the trainer that {@link
   * #read(Path, Trainer, Model)} then checks the file against
   *
   * <pre>{@code
   * int epochs = Integer.parseInt(SaveFile.settings(file).get("epochs").get());
   * }</pre>
   *
   * @throws IllegalArgumentException in one line naming the file if it is not a save file, or its
   *     settings are not an object of strings
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Map<String, String> settings(Path file) {
    Objects.requireNonNull(file, "file is null");
    return Document.parse(file).settings();
  }

  // -- the document

  /** The version-2 document of {@code saved}, its checksum last. */
  static <M extends Model<?>, S> ObjectNode document(Trainer<M, S> trainer, Saved<M, S> saved) {
    Checkpoint<M, S> checkpoint = saved.checkpoint();
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    if (saved.data().isDefined()) {
      Data data = saved.data().get();
      ObjectNode node = root.putObject("data");
      node.put("source", data.source());
      node.put("rows", data.rows());
      node.put("inputs", data.inputs());
      node.put("sha256", data.sha256());
    }
    ObjectNode model = root.putObject("model");
    model.put("type", checkpoint.model().toString());
    numbers(model.putArray("parameters"), values(checkpoint.model()));
    numbers(root.putArray("lastGood"), values(checkpoint.lastGood()));
    root.set("optimizer", optimizer(trainer.optimizer(), checkpoint.state()));
    TrainConfig config = trainer.config();
    ObjectNode batches = root.putObject("batches");
    if (config.batchSize().isDefined()) {
      batches.put("order", "shuffled");
      batches.put("size", config.batchSize().get());
    } else {
      batches.put("order", "data");
    }
    batches.put("seed", config.seed());
    root.put("epoch", checkpoint.epoch());
    if (saved.divergence().isDefined()) {
      Diverged diverged = saved.divergence().get();
      ObjectNode node = root.putObject("divergence");
      node.put("epoch", diverged.epoch());
      node.put("step", diverged.step());
      node.put("reason", diverged.reason());
    }
    ObjectNode named = root.putObject("settings");
    saved.settings().forEach(named::put);
    root.put("checksum", checksum(root));
    return root;
  }

  /** {@return "sha256:" and the hash of {@code root}'s content, without its checksum field} */
  static String checksum(ObjectNode root) {
    ObjectNode content = root.deepCopy();
    content.remove("checksum");
    try {
      return "sha256:" + sha256(COMPACT.writeValueAsBytes(content));
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot encode the checkpoint: " + e.getOriginalMessage(), e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static Vector<Double> values(Model<?> model) {
    return model.parameters().map(Expr.Leaf::value);
  }

  private static void numbers(ArrayNode array, Vector<Double> values) {
    values.forEach(array::add);
  }

  /**
   * The optimizers this format holds, with their hyper-parameters; another kind is refused, never
   * half-saved.
   */
  private static ObjectNode optimizer(Optimizer<?> optimizer, Object state) {
    ObjectNode node = JSON.createObjectNode();
    if (state instanceof Sgd.Velocity sgd && optimizer instanceof Sgd of) {
      node.put("type", "sgd");
      schedule(node, of.learningRate(), sgd.step());
      node.put("momentum", of.momentum());
      node.put("step", sgd.step());
      numbers(node.putArray("velocity"), sgd.velocity());
    } else if (state instanceof Adam.Moments adam && optimizer instanceof Adam of) {
      node.put("type", "adam");
      schedule(node, of.learningRate(), adam.step());
      node.put("beta1", of.beta1());
      node.put("beta2", of.beta2());
      node.put("epsilon", of.epsilon());
      node.put("weightDecay", of.weightDecay());
      node.put("step", adam.step());
      numbers(node.putArray("m"), adam.m());
      numbers(node.putArray("v"), adam.v());
    } else if (state instanceof Sgd.Velocity || state instanceof Adam.Moments) {
      throw new IllegalArgumentException(
          "expected an Sgd or an Adam optimizer to save, got " + optimizer.getClass().getName());
    } else {
      throw new IllegalArgumentException(
          "expected an Sgd.Velocity or an Adam.Moments to save, got " + state.getClass().getName());
    }
    return node;
  }

  /**
   * The schedule as the call that made it, and the rate of the next update: a schedule of one's own
   * prints as a lambda's class, which differs from run to run, so its rate is what is compared.
   */
  private static void schedule(ObjectNode node, Schedule schedule, long step) {
    node.put("schedule", schedule.toString());
    node.put("rate", schedule.at(step));
  }

  // -- what a file holds

  /**
   * A saved run.
   *
   * <pre>{@code
   * new SaveFile.Saved<>(checkpoint, SaveFile.Data.of("lecture", Dataset.lecture()), settings);
   * }</pre>
   *
   * @param checkpoint where the run stood
   * @param data the data it was trained on, if the caller said (version 1 files never say)
   * @param divergence why it stopped, if it diverged: the checkpoint is then the last good state,
   *     the start of the epoch that diverged
   * @param settings what the caller saved with it, e.g. the run's length
   * @param <M> the model type
   * @param <S> the optimizer's state type
   */
  public record Saved<M, S>(
      Checkpoint<M, S> checkpoint,
      Option<Data> data,
      Option<Diverged> divergence,
      Map<String, String> settings) {
    public Saved {
      Objects.requireNonNull(checkpoint, "checkpoint is null");
      Objects.requireNonNull(data, "data is null");
      Objects.requireNonNull(divergence, "divergence is null");
      Objects.requireNonNull(settings, "settings is null");
      if (divergence.exists(d -> d.epoch() != checkpoint.epoch())) {
        throw new IllegalArgumentException(
            "expected a divergence in epoch "
                + checkpoint.epoch()
                + ", the checkpoint's, got epoch "
                + divergence.get().epoch());
      }
    }

    /** A run that stopped without diverging, of unnamed data. */
    public Saved(Checkpoint<M, S> checkpoint, Map<String, String> settings) {
      this(checkpoint, Option.none(), Option.none(), settings);
    }

    /** A run that stopped without diverging. */
    public Saved(Checkpoint<M, S> checkpoint, Data data, Map<String, String> settings) {
      this(checkpoint, Option.some(data), Option.none(), settings);
    }
  }

  /**
   * The data of a run: where it came from, its size, and a SHA-256 checksum of its values, so a
   * resumed run can refuse other data.
   *
   * <pre>{@code
   * SaveFile.Data.of("lecture", Dataset.lecture());    // 4 rows of 3 inputs, sha256 ...
   * }</pre>
   *
   * @param source what the caller calls it: a file's name as given, "micrograd moons"
   * @param rows the number of examples
   * @param inputs the number of inputs per example
   * @param sha256 64 lowercase hex digits: SHA-256 of the rows and inputs counts (4-byte big-endian
   *     each), then every row's inputs and target in order, each as the 8 big-endian bytes of
   *     {@link Double#doubleToLongBits}
   */
  public record Data(String source, int rows, int inputs, String sha256) {
    public Data {
      Objects.requireNonNull(source, "source is null");
      Objects.requireNonNull(sha256, "sha256 is null");
      if (rows < 1 || inputs < 1) {
        throw new IllegalArgumentException(
            "expected at least 1 row of at least 1 input, got " + rows + " rows of " + inputs);
      }
      if (!sha256.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException(
            "expected 64 lowercase hex digits for a SHA-256, got "
                + sha256.length()
                + " characters");
      }
    }

    /** {@return the record of {@code data}, called {@code source}} */
    public static Data of(String source, Dataset data) {
      Objects.requireNonNull(source, "source is null");
      Objects.requireNonNull(data, "data is null");
      ByteBuffer bytes = ByteBuffer.allocate(8 + 8 * data.size() * (data.inputSize() + 1));
      bytes.putInt(data.size()).putInt(data.inputSize());
      for (int row = 0; row < data.size(); row++) {
        for (double x : data.inputs().get(row)) {
          bytes.putLong(Double.doubleToLongBits(x));
        }
        bytes.putLong(Double.doubleToLongBits(data.targets().get(row)));
      }
      return new Data(source, data.size(), data.inputSize(), SaveFile.sha256(bytes.array()));
    }

    /** {@return whether {@code other} holds the same values, whatever its source's name} */
    public boolean sameValues(Data other) {
      return rows == other.rows && inputs == other.inputs && sha256.equals(other.sha256);
    }

    /** {@return e.g. "moons.csv (100 rows of 2 inputs, sha256 1a2b3c4d5e6f)"} */
    @Override
    public String toString() {
      return source
          + " ("
          + rows
          + (rows == 1 ? " row" : " rows")
          + " of "
          + inputs
          + (inputs == 1 ? " input" : " inputs")
          + ", sha256 "
          + sha256.substring(0, 12)
          + ")";
    }
  }

  /**
   * Why a saved run stopped early: where it diverged, and the reason.
   *
   * <pre>{@code
   * SaveFile.Diverged.of(divergence);   // epoch 3, step 0, "loss is NaN"
   * }</pre>
   *
   * @param epoch the epoch that diverged, from 0: the checkpoint's
   * @param step the batch within it, from 0
   * @param reason {@link Divergence.Reason#message()}
   */
  public record Diverged(int epoch, int step, String reason) {
    public Diverged {
      Objects.requireNonNull(reason, "reason is null");
      if (epoch < 0 || step < 0) {
        throw new IllegalArgumentException(
            "expected an epoch and a step of at least 0, got " + epoch + " and " + step);
      }
    }

    /** {@return where and why {@code divergence} happened} */
    public static Diverged of(Divergence<?> divergence) {
      Objects.requireNonNull(divergence, "divergence is null");
      return new Diverged(divergence.epoch(), divergence.step(), divergence.reason().message());
    }
  }
}
