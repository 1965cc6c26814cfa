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
import io.github.puregrad.train.Epoch;
import io.github.puregrad.train.Objective;
import io.github.puregrad.train.Trainer;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.util.SplittableRandom;

/**
 * What a new user of puregrad does first: gradients of micrograd's README example, micrograd's
 * moons data from the jar, and a few steps of Adam on it. Exits with 1 when a number is wrong.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Expr.Leaf a = Expr.of(-4.0, "a");
    Expr.Leaf b = Expr.of(2.0, "b");
    Expr c = a.add(b);
    Expr d = a.mul(b).add(b.pow(3));
    c = c.add(c.add(1));
    c = c.add(Expr.of(1).add(c).add(a.neg()));
    d = d.add(d.mul(2).add(b.add(a).relu()));
    d = d.add(Expr.of(3).mul(d).add(b.sub(a).relu()));
    Expr e = c.sub(d);
    Expr f = e.pow(2);
    Expr g = f.div(2.0).add(Expr.of(10.0).div(f));
    Gradients grads = Autodiff.backward(g);
    System.out.println("g " + g.value() + " dg/da " + grads.get(a) + " dg/db " + grads.get(b));
    // micrograd's (and PyTorch's) numbers
    check("g", g.value(), 24.70408163265306);
    check("dg/da", grads.get(a), 138.83381924198252);
    check("dg/db", grads.get(b), 645.5772594752186);

    Dataset moons = Moons.micrograd();
    System.out.println("moons: " + moons.size() + " points");
    check("points", moons.size(), 100);

    Mlp start =
        Mlp.of(2, List.of(16, 16, 1), Activation.RELU, Activation.LINEAR, new SplittableRandom(1))
            .withValues(Moons.microgradInit());
    Trainer<Mlp, Adam.State> trainer =
        Trainer.of(
            Objective.hinge(1e-4),
            new Adam.Builder().learningRate(Schedule.constant(0.01)).build());
    Vector<Epoch<Mlp>> epochs =
        trainer.epochs(start, moons).take(20).map(epoch -> epoch.get()).toVector();
    double first = epochs.head().loss();
    double last = epochs.last().loss();
    System.out.println("adam: loss " + first + " -> " + last);
    if (!(last < first)) {
      fail("expected Adam to lower the loss, got " + first + " -> " + last);
    }
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
