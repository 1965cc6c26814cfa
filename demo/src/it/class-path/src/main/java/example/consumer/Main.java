package example.consumer;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.data.Moons;
import io.github.puregrad.expr.Expr;
import io.github.puregrad.grad.Autodiff;
import io.github.puregrad.grad.Gradients;
import io.github.puregrad.nn.Activation;
import io.github.puregrad.nn.Mlp;
import io.github.puregrad.optim.Adam;
import io.github.puregrad.optim.Schedule;
import io.github.puregrad.optim.Sgd;
import io.github.puregrad.train.Epoch;
import io.github.puregrad.train.Objective;
import io.github.puregrad.train.Trainer;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.util.SplittableRandom;

/**
 * What a new user of puregrad does first: the gradients of a small function, micrograd's moons data
 * from the jar, and a few steps of Adam on it. Exits with 1 when a number is wrong.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // f(x, y) = x·x·y + y + 2 at (3, 4): f = 42, df/dx = 2xy = 24, df/dy = x² + 1 = 10
    Expr.Leaf x = Expr.of(3.0, "x");
    Expr.Leaf y = Expr.of(4.0, "y");
    Expr f = x.mul(x).mul(y).add(y).add(2);
    Gradients grads = Autodiff.backward(f);
    System.out.println("f " + f.value() + " df/dx " + grads.get(x) + " df/dy " + grads.get(y));
    check("f", f.value(), 42);
    check("df/dx", grads.get(x), 24);
    check("df/dy", grads.get(y), 10);

    Dataset moons = Moons.micrograd();
    System.out.println("moons: " + moons.size() + " points");
    check("points", moons.size(), 100);

    Mlp start =
        Mlp.of(2, List.of(16, 16, 1), Activation.RELU, Activation.LINEAR, new SplittableRandom(1))
            .withValues(Moons.microgradInit());
    Trainer<Mlp, Adam.Moments> trainer =
        Trainer.of(
            Objective.hinge(1e-4), Adam.builder().learningRate(Schedule.constant(0.01)).build());
    Vector<Epoch<Mlp>> epochs =
        trainer.epochs(start, moons).take(20).map(epoch -> epoch.get()).toVector();
    double first = epochs.head().loss();
    double last = epochs.last().loss();
    System.out.println("adam: loss " + first + " -> " + last);
    if (!(last < first)) {
      fail("expected Adam to lower the loss, got " + first + " -> " + last);
    }

    // the types inferred from the arguments alone (issue 26): var and the chained form
    var sgd = Trainer.of(Objective.sumOfSquares(), Sgd.of(Schedule.constant(0.1)));
    Mlp lecture = Mlp.of(3, List.of(4, 4, 1), new SplittableRandom(2));
    var fitted = sgd.fit(lecture, Dataset.lecture(), 20);
    double chained =
        Trainer.of(Objective.sumOfSquares(), Sgd.of(Schedule.constant(0.1)))
            .fit(lecture, Dataset.lecture(), 20)
            .get()
            .loss();
    System.out.println("sgd: loss " + fitted.get().loss() + ", chained " + chained);
    check("chained", chained, fitted.get().loss());
  }

  private static void check(String name, double actual, double expected) {
    if (Math.abs(actual - expected) > 1e-9 * Math.max(1, Math.abs(expected))) {
      fail(name + ": expected " + expected + ", got " + actual);
    }
  }

  private static void fail(String message) {
    System.err.println("error: " + message);
    System.exit(1);
  }
}
