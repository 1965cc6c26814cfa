package io.github.puregrad.expr;

/** Node id to position: an open-addressing hash table of primitives, no boxing per node. */
final class IdIndex {
  private long[] keys;
  private int[] positions; // position + 1; 0 marks an empty slot
  private int size;

  IdIndex(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    positions = new int[capacity];
  }

  /** {@return the position stored for {@code id}, or -1} */
  int get(long id) {
    int mask = keys.length - 1;
    for (int slot = slot(id, mask); ; slot = (slot + 1) & mask) {
      int position = positions[slot];
      if (position == 0 || keys[slot] == id) {
        return position - 1;
      }
    }
  }

  void put(long id, int position) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int slot = slot(id, mask);
    while (positions[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    keys[slot] = id;
    positions[slot] = position + 1;
    size++;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldPositions = positions;
    keys = new long[oldKeys.length * 2];
    positions = new int[oldKeys.length * 2];
    size = 0;
    for (int slot = 0; slot < oldKeys.length; slot++) {
      if (oldPositions[slot] != 0) {
        put(oldKeys[slot], oldPositions[slot] - 1);
      }
    }
  }

  private static int slot(long id, int mask) {
    return (int) ((id * 0x9E3779B97F4A7C15L) >>> 32)
        & mask; // Fibonacci hashing spreads sequential ids
  }
}
