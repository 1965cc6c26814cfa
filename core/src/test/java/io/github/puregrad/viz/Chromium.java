package io.github.puregrad.viz;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium (Debian's {@code chromium} package) run as a process, for the explorer's
 * browser tests. As with {@link DotProgram}, a missing browser fails the test in CI ({@code
 * CI=true}) and skips it elsewhere.
 *
 * <pre>{@code
 * Chromium.require();
 * Chromium.Dom dom = Chromium.dumpDom(page, 12, tempDir);   // page.html#step=12, after its script
 * dom.current();                                           // the attributes of aria-current="step"
 * }</pre>
 */
final class Chromium {
  private static final Optional<Path> PROGRAM = find();
  private static final long TIMEOUT_SECONDS = 120;

  private Chromium() {}

  static void require() {
    ExternalProgram.require(PROGRAM.isPresent(), "chromium", "apt-get install -y chromium");
  }

  private static Optional<Path> find() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator, -1)) {
      Path candidate = Path.of(dir, "chromium");
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** {@return the DOM of {@code page} opened at {@code #step=N}, after its script ran} */
  static Dom dumpDom(Path page, String fragment, Path temp) {
    return new Dom(run(temp, "--dump-dom", page.toUri() + fragment));
  }

  /** Saves a picture of {@code page} at {@code fragment} to {@code png}. */
  static void screenshot(Path page, String fragment, Path png, int width, int height, Path temp) {
    run(
        temp,
        "--screenshot=" + png.toAbsolutePath(),
        "--window-size=" + width + "," + height,
        "--hide-scrollbars",
        page.toUri() + fragment);
  }

  /**
   * Runs the browser with a fresh profile in {@code temp} (no state shared between runs), network
   * features off, and virtual time so that the page's script has run before the dump.
   */
  private static String run(Path temp, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(PROGRAM.orElseThrow().toString());
    command.addAll(
        List.of(
            "--headless",
            "--no-sandbox", // tests run as root in containers, where the sandbox cannot start
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=5000"));
    try {
      Path profile = Files.createTempDirectory(temp, "chromium-profile");
      Path out = Files.createTempFile(temp, "chromium", ".out");
      command.add("--user-data-dir=" + profile);
      command.addAll(List.of(arguments));
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD) // D-Bus and GPU chatter
              .start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return fail("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + command);
      }
      if (process.exitValue() != 0) {
        return fail("chromium exited with " + process.exitValue() + ": " + command);
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return fail("cannot run chromium: " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted while running chromium", e);
    }
  }

  /** The serialized DOM, read with regular expressions: the page's markup is our own. */
  record Dom(String html) {
    private static final Pattern NODE = Pattern.compile("<g class=\"node[^\"]*\"[^>]*>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");

    /** {@return the attributes of every node's {@code <g>} element, in topological order} */
    List<Map<String, String>> nodes() {
      List<Map<String, String>> nodes = new ArrayList<>();
      Matcher m = NODE.matcher(html);
      while (m.find()) {
        Map<String, String> attributes = new HashMap<>();
        Matcher a = ATTRIBUTE.matcher(m.group());
        while (a.find()) {
          attributes.put(a.group(1), a.group(2));
        }
        nodes.add(attributes);
      }
      return nodes;
    }

    /** {@return the topological positions of the nodes marked {@code aria-current="step"}} */
    List<Integer> current() {
      return nodes().stream()
          .filter(n -> "step".equals(n.get("aria-current")))
          .map(n -> Integer.parseInt(n.get("data-pos")))
          .toList();
    }

    /** {@return the text of the element with this id ({@code <dd id="local">1</dd>})} */
    String text(String id) {
      Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(html);
      return m.find() ? m.group(1) : fail("no element with id " + id + " in " + html);
    }

    /** {@return the number shown in the element with this id, as the page printed it} */
    double number(String id) {
      return Double.parseDouble(text(id));
    }
  }
}
