package io.github.puregrad.optim;

/**
 * A learning rate as a pure function of the step number (0 for the first update).
 *
 * <pre>{@code
 * Schedule.constant(0.1).at(7);              // 0.1
 * Schedule.linear(1.0, 0.1, 100).at(k);      // 1.0 - 0.9 * k / 100: micrograd's moons demo
 * Schedule.cosine(0.1, 0.0, 1000).at(500);   // 0.05
 * }</pre>
 */
@FunctionalInterface
public interface Schedule {

  /** {@return the learning rate of update {@code step}, counted from 0} */
  double at(long step);

  // -- static API

  /** {@return {@code rate} at every step} */
  static Schedule constant(double rate) {
    requireFinite(rate, "rate");
    return named("Schedule.constant(" + rate + ")", step -> rate);
  }

  /**
   * {@return {@code start - (start - end) * step / steps}, then {@code end} from {@code steps} on}
   */
  static Schedule linear(double start, double end, long steps) {
    requireFinite(start, "start");
    requireFinite(end, "end");
    requirePositive(steps);
    double drop = start - end;
    // written as micrograd writes 1.0 - 0.9*k/100, so its learning rates come out bit for bit
    return named(
        "Schedule.linear(" + start + ", " + end + ", " + steps + ")",
        step -> step >= steps ? end : start - drop * step / steps);
  }

  /** {@return a half cosine from {@code start} down to {@code end} over {@code steps} steps} */
  static Schedule cosine(double start, double end, long steps) {
    requireFinite(start, "start");
    requireFinite(end, "end");
    requirePositive(steps);
    return named(
        "Schedule.cosine(" + start + ", " + end + ", " + steps + ")",
        step ->
            step >= steps ? end : end + (start - end) * (1 + Math.cos(Math.PI * step / steps)) / 2);
  }

  /** {@code schedule}, printed as the call that made it, so a trainer's toString reads as code. */
  private static Schedule named(String call, Schedule schedule) {
    return new Schedule() {
      @Override
      public double at(long step) {
        return schedule.at(step);
      }

      @Override
      public String toString() {
        return call;
      }
    };
  }

  private static void requireFinite(double x, String name) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("expected a finite " + name + ", got " + x);
    }
  }

  private static void requirePositive(long steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("expected at least 1 step, got " + steps);
    }
  }
}
