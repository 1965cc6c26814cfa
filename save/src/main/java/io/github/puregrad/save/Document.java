package io.github.puregrad.save;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.puregrad.nn.Model;
import io.github.puregrad.optim.Adam;
import io.github.puregrad.optim.Optimizer;
import io.github.puregrad.optim.Schedule;
import io.github.puregrad.optim.Sgd;
import io.github.puregrad.train.Checkpoint;
import io.github.puregrad.train.TrainConfig;
import io.github.puregrad.train.Trainer;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One save file, parsed strictly: every fault an {@link IllegalArgumentException} of one line
 * naming the file and the field.
 *
 * <pre>{@code
 * Document.parse(Path.of("run.json")).saved(trainer, template, Option.none());
 * }</pre>
 *
 * <p>Each field is checked where it is read (its type, its range, and the trainer's and template's
 * view of it), and each object for fields the format does not define; the checksum comes last, so
 * that a hand-edited field is named rather than reported as a mismatch.
 */
final class Document {
  private static final Pattern DUPLICATE =
      Pattern.compile("^Duplicate (?:field|Object property) ['\"](.*)['\"]");

  private final Path file;
  private final ObjectNode root;
  private final int version;

  private Document(Path file, ObjectNode root, int version) {
    this.file = file;
    this.root = root;
    this.version = version;
  }

  /**
   * {@return the document in {@code file}, of this format and a version this class reads, with only
   * the fields its version defines at the top level}
   */
  static Document parse(Path file) {
    byte[] bytes = AtomicFile.read(file, SaveFile.MAX_BYTES, "a save file");
    JsonNode root = tree(file, bytes);
    if (!root.isObject() || !SaveFile.FORMAT.equals(root.path("format").asText(""))) {
      throw error(
          file,
          "expected a " + SaveFile.FORMAT + " document, got " + describe(root.path("format")));
    }
    Document document = new Document(file, (ObjectNode) root, 0);
    long version = document.whole(root.path("version"), "version", 0, Integer.MAX_VALUE);
    if (version != 1 && version != SaveFile.VERSION) {
      throw document.error(
          "expected version 1 or " + SaveFile.VERSION + " of the format, got version " + version);
    }
    Document parsed = new Document(file, (ObjectNode) root, (int) version);
    parsed.fields(
        root,
        "",
        version == 1
            ? List.of(
                "format",
                "version",
                "epoch",
                "batchSize",
                "seed",
                "model",
                "lastGood",
                "optimizer",
                "settings")
            : List.of(
                "format",
                "version",
                "model",
                "lastGood",
                "optimizer",
                "batches",
                "epoch",
                "settings",
                "checksum"),
        version == 1 ? List.empty() : List.of("data", "divergence"));
    return parsed;
  }

  /** One JSON value and nothing after it; a Jackson error as one line with where it happened. */
  private static JsonNode tree(Path file, byte[] bytes) {
    try (JsonParser parser = SaveFile.JSON.createParser(bytes)) {
      JsonNode root = SaveFile.JSON.readTree(parser);
      if (root == null || root.isMissingNode()) {
        throw error(file, "expected a " + SaveFile.FORMAT + " document, got nothing");
      }
      try {
        if (parser.nextToken() != null) {
          throw error(
              file,
              "expected one JSON document, got more after it" + where(parser.currentLocation()));
        }
      } catch (IOException e) {
        throw error(file, "expected one JSON document, got more after it" + where(location(e)));
      }
      return root;
    } catch (IOException e) {
      // bytes in memory: every error is in the content, none in reading it
      Matcher duplicate =
          DUPLICATE.matcher(
              String.valueOf(
                  e instanceof JacksonException jackson ? jackson.getOriginalMessage() : ""));
      throw error(
          file,
          (duplicate.find()
                  ? "expected each field once, got " + describe(duplicate.group(1)) + " twice"
                  : "truncated or not JSON")
              + where(location(e)));
    }
  }

  private static @Nullable JsonLocation location(IOException e) {
    return e instanceof JacksonException jackson ? jackson.getLocation() : null;
  }

  private static String where(@Nullable JsonLocation at) {
    return at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }

  /** {@return the caller's settings: an object of strings} */
  Map<String, String> settings() {
    JsonNode named = root.path("settings");
    if (!named.isObject()) {
      throw error("expected an object at 'settings', got " + describe(named));
    }
    Map<String, String> settings = LinkedHashMap.empty();
    for (java.util.Map.Entry<String, JsonNode> entry : named.properties()) {
      settings = settings.put(entry.getKey(), text(entry.getValue(), "settings." + entry.getKey()));
    }
    return settings;
  }

  <M extends Model<?>, S> SaveFile.Saved<M, S> saved(
      Trainer<M, S> trainer, M template, Option<SaveFile.Data> given) {
    int epoch = (int) whole(root.path("epoch"), "epoch", 0, Integer.MAX_VALUE);
    batching(trainer.config());
    JsonNode model = object(root.path("model"), "model", List.of("type", "parameters"));
    String type = text(model.path("type"), "model.type");
    if (!type.equals(template.toString())) {
      throw error("expected a model " + template + ", got " + describe(model.path("type")));
    }
    int n = template.parameters().size();
    M values = withValues(template, vector(model.path("parameters"), "model.parameters", n));
    M lastGood = withValues(template, vector(root.path("lastGood"), "lastGood", n));
    S state = state(root.path("optimizer"), trainer.optimizer(), template, n);
    Option<SaveFile.Diverged> divergence = divergence(epoch);
    Option<SaveFile.Data> data = data();
    Map<String, String> settings = settings();
    if (version > 1) {
      String checksum = text(root.path("checksum"), "checksum");
      if (!checksum.equals(SaveFile.checksum(root))) {
        throw error(
            "expected the checksum of its content at 'checksum', got another: the file was"
                + " damaged or edited");
      }
    }
    if (given.isDefined()) {
      if (data.isEmpty()) {
        // a version-1 file says nothing of its data: it cannot be checked
      } else if (!data.get().sameValues(given.get())) {
        throw error("saved from " + data.get() + ", but the data is " + given.get());
      }
    }
    return new SaveFile.Saved<>(
        new Checkpoint<>(epoch, values, state, lastGood), data, divergence, settings);
  }

  /** The saved batching and its seed, which must be the trainer's. */
  private void batching(TrainConfig config) {
    String saved;
    long seed;
    if (version == 1) {
      JsonNode batchSize = root.path("batchSize");
      saved =
          batchSize.isNull()
              ? "full batch"
              : "batch size " + whole(batchSize, "batchSize", 1, Integer.MAX_VALUE);
      seed = whole(root.path("seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE);
    } else {
      JsonNode batches = root.path("batches");
      String order = text(object(batches, "batches").path("order"), "batches.order");
      if (order.equals("data")) {
        fields(batches, "batches.", List.of("order", "seed"), List.empty());
        saved = "full batch";
      } else if (order.equals("shuffled")) {
        fields(batches, "batches.", List.of("order", "size", "seed"), List.empty());
        saved = "batch size " + whole(batches.path("size"), "batches.size", 1, Integer.MAX_VALUE);
      } else {
        throw error(
            "expected \"data\" or \"shuffled\" at 'batches.order', got "
                + describe(batches.path("order")));
      }
      seed = whole(batches.path("seed"), "batches.seed", Long.MIN_VALUE, Long.MAX_VALUE);
    }
    String batching =
        config.batchSize().isDefined() ? "batch size " + config.batchSize().get() : "full batch";
    // the seed decides only a shuffled run's batches
    if (!saved.equals(batching) || (config.batchSize().isDefined() && seed != config.seed())) {
      throw error(
          "saved with "
              + saved
              + " and seed "
              + seed
              + ", but the trainer has "
              + batching
              + " and seed "
              + config.seed());
    }
  }

  /** The saved state, of the class the trainer's optimizer starts with. */
  private <S> S state(JsonNode node, Optimizer<S> optimizer, Model<?> template, int n) {
    S initial = optimizer.init(template);
    String type = text(object(node, "optimizer").path("type"), "optimizer.type");
    Object state;
    if (initial instanceof Sgd.Velocity sgd && type.equals("sgd")) {
      fields(
          node,
          "optimizer.",
          version == 1
              ? List.of("type", "step", "velocity")
              : List.of("type", "schedule", "rate", "momentum", "step", "velocity"),
          List.empty());
      long step = whole(node.path("step"), "optimizer.step", 0, Long.MAX_VALUE);
      if (version > 1 && optimizer instanceof Sgd of) {
        hyper(node, of.learningRate(), step);
        same(node, "momentum", of.momentum());
      }
      // plain SGD keeps no velocity: its state holds none, whatever the model's size
      int velocity = sgd.velocity().isEmpty() ? 0 : n;
      state = new Sgd.Velocity(step, vector(node.path("velocity"), "optimizer.velocity", velocity));
    } else if (initial instanceof Adam.Moments && type.equals("adam")) {
      fields(
          node,
          "optimizer.",
          version == 1
              ? List.of("type", "step", "m", "v")
              : List.of(
                  "type",
                  "schedule",
                  "rate",
                  "beta1",
                  "beta2",
                  "epsilon",
                  "weightDecay",
                  "step",
                  "m",
                  "v"),
          List.empty());
      long step = whole(node.path("step"), "optimizer.step", 0, Long.MAX_VALUE);
      if (version > 1 && optimizer instanceof Adam of) {
        hyper(node, of.learningRate(), step);
        same(node, "beta1", of.beta1());
        same(node, "beta2", of.beta2());
        same(node, "epsilon", of.epsilon());
        same(node, "weightDecay", of.weightDecay());
      }
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

  /**
   * The schedule: the library's own print as the call that made them and must match; every one must
   * give the same rate for the next update.
   */
  private void hyper(JsonNode node, Schedule schedule, long step) {
    String saved = text(node.path("schedule"), "optimizer.schedule");
    String mine = schedule.toString();
    if (saved.startsWith("Schedule.") && !saved.equals(mine)) {
      throw error(
          "saved with the schedule "
              + describe(node.path("schedule"))
              + ", but the trainer's is "
              + mine);
    }
    double rate = number(node.path("rate"), "optimizer.rate");
    double next = schedule.at(step);
    if (Double.doubleToLongBits(rate) != Double.doubleToLongBits(next)) {
      throw error(
          "saved with a learning rate of "
              + rate
              + " for update "
              + step
              + ", but the trainer's schedule gives "
              + next);
    }
  }

  private void same(JsonNode node, String name, double mine) {
    double saved = number(node.path(name), "optimizer." + name);
    if (Double.doubleToLongBits(saved) != Double.doubleToLongBits(mine)) {
      throw error("saved with " + name + " " + saved + ", but the trainer's optimizer has " + mine);
    }
  }

  private Option<SaveFile.Diverged> divergence(int epoch) {
    JsonNode node = root.path("divergence");
    if (node.isMissingNode()) {
      return Option.none();
    }
    object(node, "divergence", List.of("epoch", "step", "reason"));
    int at = (int) whole(node.path("epoch"), "divergence.epoch", 0, Integer.MAX_VALUE);
    if (at != epoch) {
      throw error(
          "expected the divergence in epoch "
              + epoch
              + " at 'divergence.epoch', the saved epoch, got "
              + at);
    }
    int step = (int) whole(node.path("step"), "divergence.step", 0, Integer.MAX_VALUE);
    return Option.some(
        new SaveFile.Diverged(at, step, text(node.path("reason"), "divergence.reason")));
  }

  private Option<SaveFile.Data> data() {
    JsonNode node = root.path("data");
    if (node.isMissingNode()) {
      return Option.none();
    }
    object(node, "data", List.of("source", "rows", "inputs", "sha256"));
    String source = text(node.path("source"), "data.source");
    int rows = (int) whole(node.path("rows"), "data.rows", 1, Integer.MAX_VALUE);
    int inputs = (int) whole(node.path("inputs"), "data.inputs", 1, Integer.MAX_VALUE);
    String sha256 = text(node.path("sha256"), "data.sha256");
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw error(
          "expected 64 lowercase hex digits at 'data.sha256', got "
              + describe(node.path("sha256")));
    }
    return Option.some(new SaveFile.Data(source, rows, inputs, sha256));
  }

  // -- fields

  /** {@code node} as an object with exactly the {@code required} fields and no others. */
  private JsonNode object(JsonNode node, String name, List<String> required) {
    fields(object(node, name), name + ".", required, List.empty());
    return node;
  }

  /** {@code node} as an object whose fields depend on its type: checked where it is read. */
  private JsonNode object(JsonNode node, String name) {
    if (!node.isObject()) {
      throw error("expected an object at '" + name + "', got " + describe(node));
    }
    return node;
  }

  /** Every field of {@code required} is there, and no field but those and {@code optional}. */
  private void fields(JsonNode node, String prefix, List<String> required, List<String> optional) {
    for (String name : required) {
      if (!node.has(name)) {
        throw error("expected a field '" + prefix + name + "', got none");
      }
    }
    for (String name : List.ofAll(node::fieldNames)) {
      if (!required.contains(name) && !optional.contains(name)) {
        throw error(
            "expected only the fields "
                + required.appendAll(optional).mkString(", ")
                + (prefix.isEmpty() ? "" : " in '" + prefix.substring(0, prefix.length() - 1) + "'")
                + ", got "
                + describe(name));
      }
    }
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
      values[i] = number(node.get(i), name + "[" + i + "]");
    }
    return Vector.ofAll(values);
  }

  private double number(JsonNode x, String name) {
    if (!x.isNumber() || !Double.isFinite(x.doubleValue())) {
      throw error("expected a finite number at '" + name + "', got " + describe(x));
    }
    return x.doubleValue();
  }

  private String text(JsonNode node, String name) {
    if (!node.isTextual()) {
      throw error("expected a string at '" + name + "', got " + describe(node));
    }
    return node.textValue();
  }

  private long whole(JsonNode node, String name, long min, long max) {
    if (!node.isIntegralNumber()
        || !node.canConvertToLong()
        || node.asLong() < min
        || node.asLong() > max) {
      throw error(
          "expected a whole number from "
              + min
              + " to "
              + max
              + " at '"
              + name
              + "', got "
              + describe(node));
    }
    return node.asLong();
  }

  private IllegalArgumentException error(String message) {
    return error(file, message);
  }

  private static IllegalArgumentException error(Path file, String message) {
    return new IllegalArgumentException(file + ": " + message);
  }

  /** At most 40 characters of what was found, or "nothing", JSON-escaped: one line, no control. */
  static String describe(JsonNode node) {
    if (node.isMissingNode()) {
      return "nothing";
    }
    String text = node.isNumber() ? node.asText() : node.toString();
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  private static String describe(String name) {
    return describe(SaveFile.JSON.getNodeFactory().textNode(name));
  }

  // A model's withValues gives the same kind of model: Model<M> cannot say so, as M is the model
  @SuppressWarnings("unchecked")
  private static <M extends Model<?>> M withValues(M model, Vector<Double> values) {
    return (M) model.withValues(values);
  }
}
