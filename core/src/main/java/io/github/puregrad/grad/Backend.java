package io.github.puregrad.grad;

import java.time.Duration;
import java.util.Objects;

/**
 * What evaluates a {@link Tape}: JVM bytecode generated for it, or the interpreter loop, with the
 * reason the generator declined. Both give the same numbers, to the last bit (decision 0085).
 *
 * <pre>{@code
 * Tape tape = Tape.trace(loss, parameters).compile();
 * if (tape.backend() instanceof Backend.Interpreted i) {
 *   System.err.println("interpreted: " + i.reason());   // e.g. ASM is not on the class path
 * }
 * }</pre>
 */
public sealed interface Backend {
  /**
   * Straight-line code generated from the tape and defined as hidden classes, which HotSpot
   * compiles like any method.
   *
   * @param classes the hidden classes defined (each under the class-file limits)
   * @param methods their methods that hold the tape's code
   * @param largestMethod the bytes of code of the largest: under HotSpot's limit of 8,000, above
   *     which it would not compile the method at all
   * @param took from the tape to the loaded classes
   */
  record Generated(int classes, int methods, int largestMethod, Duration took) implements Backend {
    public Generated {
      Objects.requireNonNull(took, "took is null");
    }
  }

  /**
   * The tape's interpreter loop ({@link Tape#evaluate(double...)}).
   *
   * @param reason why: the caller asked for it ({@link Tape#interpret()}), the tape is not
   *     compiled, or what made the generator decline
   */
  record Interpreted(String reason) implements Backend {
    public Interpreted {
      Objects.requireNonNull(reason, "reason is null");
    }
  }
}
