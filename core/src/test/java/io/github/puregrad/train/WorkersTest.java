package io.github.puregrad.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkersTest {

  @Test
  void shouldRunEveryTaskExactlyOnce() {
    AtomicIntegerArray runs = new AtomicIntegerArray(100);
    Workers.run(3, 100, runs::incrementAndGet);
    for (int i = 0; i < 100; i++) {
      assertThat(runs.get(i)).as("task %d", i).isEqualTo(1);
    }
  }

  @Test
  void shouldRunEverythingOnTheCallingThreadWithOneThread() {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    Workers.run(1, 20, i -> threads.add(Thread.currentThread()));
    assertThat(threads).containsExactly(Thread.currentThread());
  }

  @Test
  void shouldRunTwoTasksAtOnceWithTwoThreads() {
    // each task waits for the other to start: on a single thread the first would wait in vain
    CountDownLatch started = new CountDownLatch(2);
    boolean[] metOther = new boolean[2];
    Workers.run(
        2,
        2,
        i -> {
          started.countDown();
          try {
            metOther[i] = started.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    assertThat(metOther).containsExactly(true, true);
  }

  @Test
  void shouldPassOnTheExceptionOfATask() {
    assertThatThrownBy(
            () ->
                Workers.run(
                    2,
                    10,
                    i -> {
                      if (i == 7) {
                        throw new IllegalArgumentException("task 7 failed");
                      }
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("task 7 failed");
  }

  @Test
  void shouldDoNothingForNoTasks() {
    AtomicIntegerArray runs = new AtomicIntegerArray(1);
    Workers.run(2, 0, runs::incrementAndGet);
    assertThat(runs.get(0)).isZero();
  }
}
