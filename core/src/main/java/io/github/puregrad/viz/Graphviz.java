package io.github.puregrad.viz;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Renders DOT text to SVG or PNG by running the Graphviz {@code dot} program.
 *
 * <pre>{@code
 * Graphviz graphviz = Graphviz.installed();               // "dot" from the PATH, 30 s at most
 * graphviz.write(Dot.of(grads), Path.of("neuron.svg"));   // the format follows the file name
 * byte[] png = graphviz.render(Dot.of(grads), Graphviz.Format.PNG);
 * }</pre>
 *
 * <p>The DOT text goes to {@code dot}'s standard input and the picture comes back on its standard
 * output; both, and standard error, are pumped on their own threads so that no pipe can fill up and
 * stall the process. A run that takes longer than {@link #timeout()} is killed. Without Graphviz
 * every call throws a {@link GraphvizException} that says how to install it.
 *
 * @param executable the {@code dot} program: a bare name is looked up on the PATH
 * @param timeout the longest one rendering may take
 */
public record Graphviz(Path executable, Duration timeout) {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration GRACE = Duration.ofSeconds(5); // to reap a killed process
  private static final int STDERR_SHOWN = 2000;
  // The pumps block on pipes, so they get threads of their own rather than the common pool.
  private static final ExecutorService PUMPS =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "puregrad-graphviz-pipe");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * What {@code dot} can produce here.
   *
   * <pre>{@code
   * Graphviz.Format.of(Path.of("graph.svg"));   // SVG
   * }</pre>
   */
  public enum Format {
    SVG,
    PNG;

    String flag() {
      return "-T" + name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@return the format a file name asks for}
     *
     * @throws IllegalArgumentException if the name ends neither in .svg nor in .png
     */
    public static Format of(Path file) {
      String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
      if (name.endsWith(".svg")) {
        return SVG;
      }
      if (name.endsWith(".png")) {
        return PNG;
      }
      throw new IllegalArgumentException(
          "expected a file name ending in .svg or .png, got '" + file + "'");
    }
  }

  public Graphviz {
    Objects.requireNonNull(executable, "executable is null");
    Objects.requireNonNull(timeout, "timeout is null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }

  // -- static API

  /** {@return {@code dot} from the PATH, with a 30-second timeout} */
  public static Graphviz installed() {
    return new Graphviz(Path.of("dot"), DEFAULT_TIMEOUT);
  }

  // -- non-static API

  /** {@return this renderer running {@code newExecutable} instead} */
  public Graphviz withExecutable(Path newExecutable) {
    return new Graphviz(newExecutable, timeout);
  }

  /** {@return this renderer with another time limit per rendering} */
  public Graphviz withTimeout(Duration newTimeout) {
    return new Graphviz(executable, newTimeout);
  }

  /** {@return whether {@code dot -V} runs and succeeds within the timeout} */
  public boolean isAvailable() {
    try {
      run(new String[] {executable.toString(), "-V"}, "");
      return true;
    } catch (GraphvizException e) {
      return false;
    }
  }

  /**
   * {@return the picture of {@code dot}, the bytes {@code dot -T<format>} prints}
   *
   * @throws GraphvizException if Graphviz is missing, rejects the text or runs out of time
   */
  public byte[] render(String dot, Format format) {
    Objects.requireNonNull(dot, "dot is null");
    Objects.requireNonNull(format, "format is null");
    return run(new String[] {executable.toString(), format.flag()}, dot);
  }

  /**
   * Writes the picture of {@code dot} to {@code file}, in the format its name ends with ({@code
   * .svg} or {@code .png}), creating missing parent directories.
   *
   * @return {@code file}
   * @throws IllegalArgumentException if the file name ends neither in .svg nor in .png
   * @throws GraphvizException if Graphviz is missing, rejects the text or runs out of time
   * @throws java.io.UncheckedIOException if the file cannot be written
   */
  public Path write(String dot, Path file) {
    Objects.requireNonNull(file, "file is null");
    byte[] picture = render(dot, Format.of(file));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, picture);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  private byte[] run(String[] command, String input) {
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new GraphvizException(
          "cannot run Graphviz's dot program ('"
              + executable
              + "'): "
              + e.getMessage()
              + ". Install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew"
              + " install graphviz) or point Graphviz.withExecutable(...) at dot; the DOT text"
              + " itself is always available from Dot.of(...)",
          e);
    }
    try {
      CompletableFuture<Void> feed = CompletableFuture.runAsync(() -> feed(process, input), PUMPS);
      CompletableFuture<byte[]> stdout = drain(process.getInputStream());
      CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new GraphvizException(
            "Graphviz's dot did not finish within "
                + timeout
                + " and was stopped; the graph"
                + " may be too large to lay out (try a smaller graph or withTimeout(...))");
      }
      byte[] picture = stdout.get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      String errors =
          new String(stderr.get(GRACE.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
      feed.get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      if (process.exitValue() != 0) {
        throw new GraphvizException(
            "Graphviz's dot failed with exit code "
                + process.exitValue()
                + ": "
                + shorten(errors.strip()));
      }
      return picture;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GraphvizException("interrupted while Graphviz's dot was running", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new GraphvizException("could not talk to Graphviz's dot: " + e.getMessage(), e);
    } finally {
      stop(process); // whatever happened above, no dot outlives the call
    }
  }

  /** Writes the DOT text and closes stdin; a dot that quits early just closes the pipe. */
  private static void feed(Process process, String input) {
    try (OutputStream in = process.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // broken pipe: dot exited before reading everything; its exit code and stderr say why
    }
  }

  private static CompletableFuture<byte[]> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return stream.readAllBytes();
          } catch (IOException e) {
            return new byte[0]; // the process was killed; the caller reports that instead
          }
        },
        PUMPS);
  }

  private static void stop(Process process) {
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly); // a wrapper script's children
      process.destroyForcibly();
      try {
        process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String shorten(String text) {
    return text.length() <= STDERR_SHOWN ? text : text.substring(0, STDERR_SHOWN) + " ...";
  }
}
