package io.github.puregrad.save;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.puregrad.data.Dataset;
import io.github.puregrad.nn.Mlp;
import io.github.puregrad.optim.Adam;
import io.github.puregrad.optim.Schedule;
import io.github.puregrad.optim.Sgd;
import io.github.puregrad.train.Checkpoint;
import io.github.puregrad.train.Objective;
import io.github.puregrad.train.TrainConfig;
import io.github.puregrad.train.Trainer;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of valid save files (issue 27): bit flips, byte deletions and insertions,
 * truncation, duplicated fields, swapped values and edits through the JSON tree. Each mutated file
 * must either load to exactly the run that was saved, or be refused with one line (an {@link
 * IllegalArgumentException} or an {@link UncheckedIOException} naming the file); no other
 * exception, and never another run. The generator is {@link SplittableRandom} with the case's seed,
 * which every failure names.
 */
class SaveFileFuzzTest {
  private static final int MUTATIONS = 3000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NUMBER =
      Pattern.compile("-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?");

  @TempDir Path dir;

  /** A saved run, what it was saved from, and the bytes of its file. */
  private record Base<S>(
      Trainer<Mlp, S> trainer,
      Mlp template,
      SaveFile.Data data,
      SaveFile.Saved<Mlp, S> saved,
      String text) {
    byte[] bytes() {
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }

  @Nested
  class Mutations {
    @Test
    void shouldLoadTheSavedRunOrRefuseInOneLineForEveryMutatedFile() throws IOException {
      List<Base<?>> bases = bases();
      int loaded = 0;
      int refused = 0;
      for (int seed = 0; seed < MUTATIONS; seed++) {
        SplittableRandom random = new SplittableRandom(seed);
        Base<?> base = bases.get(random.nextInt(bases.size()));
        byte[] mutated = base.bytes();
        int count = 1 + random.nextInt(3);
        String kinds = "";
        for (int m = 0; m < count; m++) {
          int kind = random.nextInt(9);
          kinds += kind;
          mutated = mutate(kind, mutated, random);
        }
        Path file = Files.write(dir.resolve("fuzz-" + seed + ".json"), mutated);
        if (check(base, file, seed + " (mutations " + kinds + ")")) {
          loaded++;
        } else {
          refused++;
        }
        Files.delete(file);
      }
      // both outcomes are common: the mutations reach past the parser
      assertThat(loaded).isGreaterThan(MUTATIONS / 20);
      assertThat(refused).isGreaterThan(MUTATIONS / 2);
    }

    @Test
    void shouldLoadEveryBaseFileUnchanged() throws IOException {
      for (Base<?> base : bases()) {
        Path file = Files.write(dir.resolve("base.json"), base.bytes());
        assertThat(check(base, file, "unchanged")).isTrue();
      }
    }
  }

  /** {@return true if {@code file} loaded as {@code base}'s run, false if it was refused well} */
  private static <S> boolean check(Base<S> base, Path file, String seed) {
    SaveFile.Saved<Mlp, S> loaded;
    try {
      loaded = SaveFile.read(file, base.trainer(), base.template(), base.data());
    } catch (IllegalArgumentException | UncheckedIOException e) {
      String message = String.valueOf(e.getMessage());
      assertThat(message)
          .as("seed %s", seed)
          .doesNotContain("\n")
          .doesNotContain("\r")
          .doesNotContainPattern("[\\x00-\\x1F\\x7F]")
          .hasSizeLessThan(400);
      assertThat(message.startsWith(file + ": ") || message.startsWith("cannot read " + file))
          .as("seed %s: %s", seed, message)
          .isTrue();
      return false;
    } catch (RuntimeException | Error e) {
      throw new AssertionError("seed " + seed + ": " + e, e);
    }
    SaveFile.Saved<Mlp, S> saved = base.saved();
    if (!same(loaded, saved)) {
      fail("seed %s loaded another run: %s", seed, loaded);
    }
    return true;
  }

  private static <S> boolean same(SaveFile.Saved<Mlp, S> a, SaveFile.Saved<Mlp, S> b) {
    Checkpoint<Mlp, S> x = a.checkpoint();
    Checkpoint<Mlp, S> y = b.checkpoint();
    return x.epoch() == y.epoch()
        && bits(x.model()).equals(bits(y.model()))
        && bits(x.lastGood()).equals(bits(y.lastGood()))
        && stateBits(x.state()).equals(stateBits(y.state()))
        && a.data().equals(b.data())
        && a.divergence().equals(b.divergence())
        && a.settings().toList().equals(b.settings().toList());
  }

  private static Vector<Long> bits(Mlp model) {
    return model.parameters().map(p -> Double.doubleToRawLongBits(p.value()));
  }

  private static Vector<Long> stateBits(Object state) {
    if (state instanceof Sgd.Velocity v) {
      return Vector.of(v.step()).appendAll(v.velocity().map(Double::doubleToRawLongBits));
    }
    Adam.Moments m = (Adam.Moments) state;
    return Vector.of(m.step())
        .appendAll(m.m().map(Double::doubleToRawLongBits))
        .appendAll(m.v().map(Double::doubleToRawLongBits));
  }

  // -- the valid files

  private List<Base<?>> bases() {
    Dataset data = Dataset.lecture();
    Mlp template = Mlp.of(3, List.of(3, 1), new SplittableRandom(4));
    Trainer<Mlp, Sgd.Velocity> plain =
        Trainer.of(Objective.sumOfSquares(), Sgd.of(Schedule.linear(1.0, 0.1, 100)));
    Trainer<Mlp, Sgd.Velocity> momentum =
        new Trainer<>(
            Objective.sumOfSquares(),
            Sgd.of(Schedule.constant(0.05)).withMomentum(0.9),
            TrainConfig.builder().batchSize(2).seed(-7).build());
    Trainer<Mlp, Adam.Moments> adam =
        new Trainer<>(
            Objective.sumOfSquares(),
            Adam.builder().learningRate(Schedule.cosine(0.01, 0.0, 50)).weightDecay(0.01).build(),
            TrainConfig.builder().batchSize(3).seed(Long.MIN_VALUE).build());
    return List.of(
        base(
            plain,
            template,
            data,
            "lecture",
            2,
            Option.none(),
            LinkedHashMap.of("mode", "seed", "epochs", "20")),
        base(momentum, template, data, "données.csv", 3, Option.none(), LinkedHashMap.empty()),
        base(
            adam,
            template,
            data,
            "lecture",
            4,
            Option.some("loss is NaN"),
            LinkedHashMap.of("note", "a \"quoted\" \u241B value")));
  }

  private <S> Base<S> base(
      Trainer<Mlp, S> trainer,
      Mlp template,
      Dataset dataset,
      String source,
      int epochs,
      Option<String> diverged,
      LinkedHashMap<String, String> settings) {
    Checkpoint<Mlp, S> at = trainer.run(trainer.start(template), dataset, epochs, e -> {}).get();
    SaveFile.Data data = SaveFile.Data.of(source, dataset);
    SaveFile.Saved<Mlp, S> saved =
        new SaveFile.Saved<>(
            at,
            Option.some(data),
            diverged.map(reason -> new SaveFile.Diverged(epochs, 0, reason)),
            settings);
    Path file =
        SaveFile.write(dir.resolve("base-" + source.length() + epochs + ".json"), trainer, saved);
    try {
      return new Base<>(trainer, template, data, saved, Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // -- the mutations

  private static final byte[] INTERESTING =
      "{}[],:\"0123456789-.eE+ \n\tnultrfas\\/u".getBytes(StandardCharsets.US_ASCII);

  private static byte[] mutate(int kind, byte[] bytes, SplittableRandom random) {
    if (bytes.length == 0) {
      return bytes;
    }
    int at = random.nextInt(bytes.length);
    return switch (kind) {
      case 0 -> { // a bit flip
        byte[] out = bytes.clone();
        out[at] ^= (byte) (1 << random.nextInt(8));
        yield out;
      }
      case 1 -> { // delete 1 to 3 bytes
        int n = Math.min(1 + random.nextInt(3), bytes.length - at);
        byte[] out = new byte[bytes.length - n];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(bytes, at + n, out, at, bytes.length - at - n);
        yield out;
      }
      case 2 -> { // insert a byte: JSON's own characters, or any byte at all
        byte b =
            random.nextBoolean()
                ? INTERESTING[random.nextInt(INTERESTING.length)]
                : (byte) random.nextInt(256);
        byte[] out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 0, at);
        out[at] = b;
        System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
        yield out;
      }
      case 3 -> Arrays.copyOf(bytes, at); // truncation
      case 4 -> duplicateLine(bytes, random);
      case 5 -> swapNumbers(bytes, random);
      case 6 -> treeEdit(bytes, random);
      case 7 -> spelling(bytes, random);
      default -> whitespace(bytes, random);
    };
  }

  /** A field's line written twice: a duplicate key, or a stray value in an array. */
  private static byte[] duplicateLine(byte[] bytes, SplittableRandom random) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    java.util.List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    int line = random.nextInt(lines.size());
    String copy = lines.get(line);
    lines.add(line, copy.endsWith(",") ? copy : copy + ",");
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  /** Spaces, tabs or line breaks after a comma, a colon or a bracket: the same document. */
  private static byte[] whitespace(byte[] bytes, SplittableRandom random) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    java.util.List<Integer> places = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      if (",:[]{}".indexOf(text.charAt(i)) >= 0) {
        places.add(i + 1);
      }
    }
    if (places.isEmpty()) {
      return bytes;
    }
    int at = places.get(random.nextInt(places.size()));
    String space = new String[] {" ", "\n", "\t", "\r\n  "}[random.nextInt(4)];
    return (text.substring(0, at) + space + text.substring(at)).getBytes(StandardCharsets.UTF_8);
  }

  /** Two numbers of the file swapped: same shape, other values. */
  private static byte[] swapNumbers(byte[] bytes, SplittableRandom random) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    java.util.List<int[]> spans = new ArrayList<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    if (spans.size() < 2) {
      return bytes;
    }
    int[] a = spans.get(random.nextInt(spans.size()));
    int[] b = spans.get(random.nextInt(spans.size()));
    if (a[0] > b[0]) {
      int[] t = a;
      a = b;
      b = t;
    }
    if (a[0] == b[0]) {
      return bytes;
    }
    String out =
        text.substring(0, a[0])
            + text.substring(b[0], b[1])
            + text.substring(a[1], b[0])
            + text.substring(a[0], a[1])
            + text.substring(b[1]);
    return out.getBytes(StandardCharsets.UTF_8);
  }

  /** The same values written differently, or not quite the same: 0.5 as 5e-1, 0.50, 0.5000001. */
  private static byte[] spelling(byte[] bytes, SplittableRandom random) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    java.util.List<int[]> spans = new ArrayList<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    if (spans.isEmpty()) {
      return bytes;
    }
    int[] span = spans.get(random.nextInt(spans.size()));
    String number = text.substring(span[0], span[1]);
    String other =
        switch (random.nextInt(5)) {
          case 0 -> number + "0"; // 0.50: the same double, or another integer
          case 1 -> number.contains(".") || number.contains("E") ? number + "e0" : number + ".0";
          case 2 -> number.contains("E") ? number : number + "E-0";
          case 3 -> "-" + number;
          default -> number + "1"; // the next decimal: another value
        };
    return (text.substring(0, span[0]) + other + text.substring(span[1]))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** An edit through the JSON tree, written back without touching the checksum. */
  private static byte[] treeEdit(byte[] bytes, SplittableRandom random) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      return bytes; // an earlier mutation broke it already
    }
    if (root == null || !root.isContainerNode()) {
      return bytes;
    }
    java.util.List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode target = containers.get(random.nextInt(containers.size()));
    JsonNodeFactory f = JsonNodeFactory.instance;
    JsonNode value =
        switch (random.nextInt(8)) {
          case 0 -> f.nullNode();
          case 1 -> f.textNode("-1");
          case 2 -> f.numberNode(random.nextLong());
          case 3 -> f.numberNode(random.nextDouble() * 1e6);
          case 4 -> f.booleanNode(true);
          case 5 -> f.arrayNode();
          case 6 -> f.objectNode();
          default -> f.textNode("\u001B[31m\u0007");
        };
    if (target instanceof ObjectNode object) {
      java.util.List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      int choice = random.nextInt(4);
      if (names.isEmpty() || choice == 0) {
        object.set("extra" + random.nextInt(3), value); // an unknown field
      } else {
        String name = names.get(random.nextInt(names.size()));
        if (choice == 1) {
          object.remove(name); // a missing field
        } else if (choice == 2) {
          object.set(name, value); // another value, maybe of another type
        } else {
          JsonNode moved = object.remove(name); // the same values in another order
          object.set(name, moved);
        }
      }
    } else if (target instanceof ArrayNode array) {
      int choice = random.nextInt(3);
      if (array.isEmpty() || choice == 0) {
        array.add(value);
      } else if (choice == 1) {
        array.remove(random.nextInt(array.size()));
      } else {
        array.set(random.nextInt(array.size()), value);
      }
    }
    try {
      return (random.nextBoolean() ? JSON.writerWithDefaultPrettyPrinter() : JSON.writer())
          .writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collect(JsonNode node, java.util.List<JsonNode> containers) {
    if (node.isContainerNode()) {
      containers.add(node);
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        collect(it.next(), containers);
      }
    }
  }
}
