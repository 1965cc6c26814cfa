package io.github.puregrad.expr;

/**
 * Node id to position, with no boxing per node. Ids are direct-addressed in pages of 64, and a
 * small open-addressing table finds the page of an id. Nodes built together have consecutive ids
 * (see {@link Ids}), so a graph fills few pages, densely, and the nodes a walk meets one after the
 * other sit in the same cache lines: a plain hash table of a 66,000-node graph is several MB of
 * random accesses, this is about 4 bytes a node. See docs/decisions/0040-paged-id-index.md.
 */
final class IdIndex {
  private static final int PAGE_BITS = 6;
  private static final int PAGE_MASK = (1 << PAGE_BITS) - 1;

  private long[] keys; // page numbers: id >>> PAGE_BITS
  private int[][] pages; // per id of the page, position + 1 (0: absent); null marks a free slot
  private int shift; // 64 - log2(keys.length), for Fibonacci hashing of page numbers
  private int pageCount;
  // The page of the last put: consecutive ids mostly share a page, so a walk that builds the index
  // skips the table lookup. Read and written only by put, which runs before the index is shared.
  private long lastKey = -1;
  private int[] lastPage = new int[0];

  IdIndex(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, (expected >>> PAGE_BITS) * 2 - 1)) << 1;
    allocate(capacity);
  }

  /** {@return the position stored for {@code id}, or -1} */
  int get(long id) {
    int[] page = page(id >>> PAGE_BITS);
    return page == null ? -1 : page[(int) id & PAGE_MASK] - 1;
  }

  void put(long id, int position) {
    long key = id >>> PAGE_BITS;
    int[] page = key == lastKey ? lastPage : page(key);
    if (page == null) {
      page = new int[1 << PAGE_BITS];
      if (2 * (pageCount + 1) > keys.length) {
        grow();
      }
      insert(key, page);
    }
    lastKey = key;
    lastPage = page;
    page[(int) id & PAGE_MASK] = position + 1;
  }

  private int[] page(long key) {
    int mask = keys.length - 1;
    for (int slot = slot(key); ; slot = (slot + 1) & mask) {
      int[] page = pages[slot];
      if (page == null || keys[slot] == key) {
        return page;
      }
    }
  }

  private void insert(long key, int[] page) {
    int mask = keys.length - 1;
    int slot = slot(key);
    while (pages[slot] != null) {
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    pages[slot] = page;
    pageCount++;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[][] oldPages = pages;
    allocate(2 * oldKeys.length);
    for (int slot = 0; slot < oldKeys.length; slot++) {
      if (oldPages[slot] != null) {
        insert(oldKeys[slot], oldPages[slot]);
      }
    }
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    pages = new int[capacity][];
    shift = 64 - Integer.numberOfTrailingZeros(capacity);
    pageCount = 0;
  }

  private int slot(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift); // Fibonacci hashing: the top bits
  }
}
