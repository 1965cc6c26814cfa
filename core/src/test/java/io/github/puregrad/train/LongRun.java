package io.github.puregrad.train;

import io.github.puregrad.data.Dataset;
import io.github.puregrad.nn.Mlp;
import io.github.puregrad.optim.Schedule;
import io.github.puregrad.optim.Sgd;
import io.vavr.collection.List;
import java.util.SplittableRandom;

/**
 * The program {@link LongRunTest} starts in a small heap: trains the lecture net for as many epochs
 * as its argument says and prints the last loss and the heap in use.
 */
final class LongRun {
  private LongRun() {}

  public static void main(String[] args) {
    int epochs = Integer.parseInt(args[0]);
    Trainer<Mlp, Sgd.Velocity> trainer =
        Trainer.of(Objective.sumOfSquares(), Sgd.of(Schedule.constant(0.01)));
    Mlp model = Mlp.of(3, List.of(4, 4, 1), new SplittableRandom(1337));
    double loss = trainer.fit(model, Dataset.lecture(), epochs).get().loss();
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    long used = runtime.totalMemory() - runtime.freeMemory();
    System.out.println("epochs " + epochs + " loss " + loss + " heap used " + used);
  }
}
