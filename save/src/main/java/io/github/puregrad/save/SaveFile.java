package io.github.puregrad.save;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.nn.Model;
import io.github.puregrad.optim.Adam;
import io.github.puregrad.optim.Sgd;
import io.github.puregrad.train.Checkpoint;
import io.github.puregrad.train.TrainConfig;
import io.github.puregrad.train.Trainer;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A training run saved to a file and read back: a {@link Checkpoint} (the model, the model before
 * the last step, the optimizer state with its moments and step count, the next epoch's index) with
 * the trainer's batch size and shuffle seed and a few settings of the caller's, as a versioned JSON
 * document (format {@value #FORMAT}, version {@value #VERSION}; Jackson, an optional dependency:
 * add {@code jackson-databind} to use this class).
 *
 * <pre>{@code
 * Checkpoint<Mlp, Sgd.Velocity> half = trainer.run(trainer.start(model), data, 50, e -> {}).get();
 * SaveFile.write(Path.of("run.json"), trainer, half, HashMap.of("epochs", "100"));
 * SaveFile.Saved<Mlp, Sgd.Velocity> saved = SaveFile.read(Path.of("run.json"), trainer, model);
 * trainer.run(saved.checkpoint(), data, 100, e -> {});   // the same numbers as never stopping
 * }</pre>
 *
 * <p>Numbers are written as Java's shortest exact decimal, so a model and a state come back to the
 * last bit. A file is written to a temporary file in the same directory and then renamed over the
 * target in one atomic step, so a crash mid-write leaves the old file or the new one, never half a
 * file. Reading checks the format and version, the trainer's batching, the model's shape and that
 * every number is finite; any fault is one line naming the file.
 */
public final class SaveFile {
  /** The value of the document's {@code "format"} field. */
  public static final String FORMAT = "puregrad-checkpoint";

  /** The version this class writes and reads. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SaveFile() {}

  // -- static API

  /**
   * Writes {@code checkpoint} of a run of {@code trainer}, with {@code settings}, to {@code file},
   * atomically.
   *
   * @return {@code file}
   * @throws IllegalArgumentException if the optimizer state is of a kind this format does not hold
   *     (Sgd's and Adam's are supported)
   * @throws UncheckedIOException naming the file and the cause if it cannot be written
   */
  public static <M extends Model<?>, S> Path write(
      Path file, Trainer<M, S> trainer, Checkpoint<M, S> checkpoint, Map<String, String> settings) {
    Objects.requireNonNull(file, "file is null");
    Objects.requireNonNull(trainer, "trainer is null");
    Objects.requireNonNull(checkpoint, "checkpoint is null");
    Objects.requireNonNull(settings, "settings is null");
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("epoch", checkpoint.epoch());
    TrainConfig config = trainer.config();
    if (config.batchSize().isDefined()) {
      root.put("batchSize", config.batchSize().get());
    } else {
      root.putNull("batchSize");
    }
    root.put("seed", config.seed());
    ObjectNode model = root.putObject("model");
    model.put("type", checkpoint.model().toString());
    numbers(model.putArray("parameters"), values(checkpoint.model()));
    numbers(root.putArray("lastGood"), values(checkpoint.lastGood()));
    root.set("optimizer", state(checkpoint.state()));
    ObjectNode named = root.putObject("settings");
    settings.forEach(named::put);
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(root);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot encode the checkpoint: " + e.getOriginalMessage(), e);
    }
    return atomically(file, bytes);
  }

  /**
   * {@return the run saved in {@code file}, for {@code trainer}}
   *
   * @param template a model of the saved run's shape (its values are not used)
   * @throws IllegalArgumentException in one line naming the file if it is truncated, not JSON, of
   *     another format or version, saved with other batching, of another shape, or holds a number
   *     that is not finite
   * @throws UncheckedIOException if the file cannot be read
   */
  public static <M extends Model<?>, S> Saved<M, S> read(
      Path file, Trainer<M, S> trainer, M template) {
    Objects.requireNonNull(file, "file is null");
    Objects.requireNonNull(trainer, "trainer is null");
    Objects.requireNonNull(template, "template is null");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + cause(e), e);
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      throw new IllegalArgumentException(
          file
              + ": truncated or not JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + cause(e), e);
    }
    return new Reader(file, root).saved(trainer, template);
  }

  private static Vector<Double> values(Model<?> model) {
    return model.parameters().map(Expr.Leaf::value);
  }

  private static void numbers(ArrayNode array, Vector<Double> values) {
    values.forEach(array::add);
  }

  /** The optimizer states this format holds; another kind is refused, never half-saved. */
  private static ObjectNode state(Object state) {
    ObjectNode node = JSON.createObjectNode();
    if (state instanceof Sgd.Velocity sgd) {
      node.put("type", "sgd");
      node.put("step", sgd.step());
      numbers(node.putArray("velocity"), sgd.velocity());
    } else if (state instanceof Adam.Moments adam) {
      node.put("type", "adam");
      node.put("step", adam.step());
      numbers(node.putArray("m"), adam.m());
      numbers(node.putArray("v"), adam.v());
    } else {
      throw new IllegalArgumentException(
          "expected an Sgd.Velocity or an Adam.Moments to save, got " + state.getClass().getName());
    }
    return node;
  }

  private static Path atomically(Path file, byte[] bytes) {
    Path target = file.toAbsolutePath();
    Path temporary = null;
    try {
      Files.createDirectories(Objects.requireNonNull(target.getParent()));
      temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true); // on disk before the rename makes it the file
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temporary = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + cause(e), e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException e) {
          // the write already failed; that error is the one to report
        }
      }
    }
    return file;
  }

  /** {@return why an I/O operation failed, in words: file exceptions carry only a path} */
  static String cause(IOException e) {
    if (e instanceof FileSystemException fs && fs.getReason() == null) {
      String what =
          e instanceof NoSuchFileException
              ? "no such file or directory"
              : e instanceof AccessDeniedException
                  ? "permission denied"
                  : e instanceof NotDirectoryException
                      ? "not a directory"
                      : e.getClass().getSimpleName();
      return fs.getFile() + ": " + what;
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * A saved run.
   *
   * @param checkpoint where the run stood
   * @param settings what the caller saved with it, e.g. the run's length
   * @param <M> the model type
   * @param <S> the optimizer's state type
   */
  public record Saved<M, S>(Checkpoint<M, S> checkpoint, Map<String, String> settings) {
    public Saved {
      Objects.requireNonNull(checkpoint, "checkpoint is null");
      Objects.requireNonNull(settings, "settings is null");
    }
  }

  /** Reads one document, every fault an exception naming the file and the field. */
  private static final class Reader {
    private final Path file;
    private final JsonNode root;

    Reader(Path file, JsonNode root) {
      this.file = file;
      this.root = root;
    }

    <M extends Model<?>, S> Saved<M, S> saved(Trainer<M, S> trainer, M template) {
      if (!root.isObject() || !FORMAT.equals(root.path("format").asText(""))) {
        throw error("expected a " + FORMAT + " document, got " + describe(root.path("format")));
      }
      long version = whole(root.path("version"), "version");
      if (version != VERSION) {
        throw error("expected version " + VERSION + " of the format, got version " + version);
      }
      int epoch = (int) whole(root.path("epoch"), "epoch", Integer.MAX_VALUE);
      TrainConfig config = trainer.config();
      JsonNode batchSize = root.path("batchSize");
      String savedBatching = batchSize.isNull() ? "full batch" : "batch size " + batchSize;
      String batching =
          config.batchSize().isDefined() ? "batch size " + config.batchSize().get() : "full batch";
      long seed = whole(root.path("seed"), "seed");
      if (!savedBatching.equals(batching)
          || (config.batchSize().isDefined() && seed != config.seed())) {
        throw error(
            "saved with "
                + savedBatching
                + " and seed "
                + seed
                + ", but the trainer has "
                + batching
                + " and seed "
                + config.seed());
      }
      String type = root.path("model").path("type").asText("");
      if (!type.equals(template.toString())) {
        throw error(
            "expected a model " + template + ", got " + describe(root.path("model").path("type")));
      }
      int n = template.parameters().size();
      M model =
          withValues(
              template, vector(root.path("model").path("parameters"), "model.parameters", n));
      M lastGood = withValues(template, vector(root.path("lastGood"), "lastGood", n));
      S state = state(root.path("optimizer"), trainer.optimizer().init(template), n);
      JsonNode named = root.path("settings");
      if (!named.isObject()) {
        throw error("expected an object at 'settings', got " + describe(named));
      }
      Map<String, String> settings = LinkedHashMap.empty();
      for (java.util.Map.Entry<String, JsonNode> entry : named.properties()) {
        settings = settings.put(entry.getKey(), entry.getValue().asText());
      }
      return new Saved<>(new Checkpoint<>(epoch, model, state, lastGood), settings);
    }

    /** The saved state, of the class the trainer's optimizer starts with. */
    private <S> S state(JsonNode node, S initial, int n) {
      String type = node.path("type").asText("");
      long step = whole(node.path("step"), "optimizer.step");
      Object state;
      if (initial instanceof Sgd.Velocity sgd && type.equals("sgd")) {
        // plain SGD keeps no velocity: its state holds none, whatever the model's size
        int velocity = sgd.velocity().isEmpty() ? 0 : n;
        state =
            new Sgd.Velocity(step, vector(node.path("velocity"), "optimizer.velocity", velocity));
      } else if (initial instanceof Adam.Moments && type.equals("adam")) {
        state =
            new Adam.Moments(
                step,
                vector(node.path("m"), "optimizer.m", n),
                vector(node.path("v"), "optimizer.v", n));
      } else {
        throw error(
            "expected the state of the trainer's optimizer ("
                + initial.getClass().getName()
                + "), got "
                + describe(node.path("type")));
      }
      @SuppressWarnings("unchecked") // the class checked just above
      S typed = (S) initial.getClass().cast(state);
      return typed;
    }

    private Vector<Double> vector(JsonNode node, String name, int size) {
      if (!node.isArray()) {
        throw error("expected an array of numbers at '" + name + "', got " + describe(node));
      }
      if (node.size() != size) {
        throw error("expected " + size + " numbers at '" + name + "', got " + node.size());
      }
      double[] values = new double[size];
      for (int i = 0; i < size; i++) {
        JsonNode x = node.get(i);
        if (!x.isNumber() || !Double.isFinite(x.doubleValue())) {
          throw error("expected a finite number at '" + name + "[" + i + "]', got " + describe(x));
        }
        values[i] = x.doubleValue();
      }
      return Vector.ofAll(values);
    }

    private long whole(JsonNode node, String name) {
      return whole(node, name, Long.MAX_VALUE);
    }

    private long whole(JsonNode node, String name, long max) {
      if (!node.isIntegralNumber()
          || !node.canConvertToLong()
          || node.asLong() < 0
          || node.asLong() > max) {
        throw error(
            "expected a whole number from 0 to "
                + max
                + " at '"
                + name
                + "', got "
                + describe(node));
      }
      return node.asLong();
    }

    private IllegalArgumentException error(String message) {
      return new IllegalArgumentException(file + ": " + message);
    }

    /** At most 40 characters of what was found, or "nothing". */
    private static String describe(JsonNode node) {
      if (node.isMissingNode()) {
        return "nothing";
      }
      String text = node.isNumber() ? node.asText() : node.toString();
      return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
  }

  // A model's withValues gives the same kind of model: Model<M> cannot say so, as M is the model
  @SuppressWarnings("unchecked")
  private static <M extends Model<?>> M withValues(M model, Vector<Double> values) {
    return (M) model.withValues(values);
  }
}
