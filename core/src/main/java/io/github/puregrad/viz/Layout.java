package io.github.puregrad.viz;

import io.github.puregrad.expr.Graph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Where the explorer draws each node: columns left to right as in the {@link Dot} picture, and
 * within a column an order that avoids crossings where it can (the layered drawing of Sugiyama et
 * al., as Graphviz's {@code dot} does it, in its simplest form).
 *
 * <p>A node's column is its rank: an operation one right of its furthest operand, a leaf one left
 * of its nearest user. An edge that spans several columns gets a waypoint in each column it
 * crosses, a slot of its own where no box is, so no edge is ever drawn under a box. Then a few
 * sweeps order each column by the mean position of each slot's neighbours in the column before
 * (left to right) or after (right to left), the barycenter heuristic. All loops, no recursion.
 */
final class Layout {
  // in SVG pixels: a column per rank, a slot per node or waypoint of the rank
  static final int BOX_W = 132;
  static final int BOX_H = 54;
  static final int OP_R = 20; // half the width of an operation's ellipse: "tanh" fits
  static final int BOX_X = 2 * OP_R + 14; // the box starts right of its operation's ellipse
  private static final int GAP_X = 56; // between a box and the next column's operation
  private static final int ROW_H = BOX_H + 22;
  private static final int COL_W = BOX_X + BOX_W + GAP_X;
  private static final int MARGIN = 12;
  private static final int SWEEPS = 4;

  private final Graph graph;
  private final int[] rank; // by slot: nodes 0..n-1 by topological position, then waypoints
  private final int[] row; // by slot: its place in its column
  private final int[] rowsInRank;
  private final int rows;
  private final int[][] edgeWays; // by edge: its waypoints, left to right
  private final int[] firstEdge; // by node: the index of its operand 0's edge
  private final List<int[]> lower; // pairs (slot, slot in the next column right): edge pieces

  Layout(Graph graph) {
    this.graph = graph;
    int n = graph.size();
    int[] nodeRank = ranks(graph);
    List<Integer> slotRank = new ArrayList<>();
    for (int r : nodeRank) {
      slotRank.add(r);
    }
    lower = new ArrayList<>();
    firstEdge = new int[n + 1];
    for (int p = 0; p < n; p++) {
      firstEdge[p + 1] = firstEdge[p] + graph.node(p).arity();
    }
    edgeWays = new int[firstEdge[n]][];
    for (int p = 0; p < n; p++) {
      for (int k = 0; k < graph.node(p).arity(); k++) {
        int q = graph.operandPosition(p, k);
        int[] way = new int[nodeRank[p] - nodeRank[q] - 1];
        int from = q;
        for (int i = 0; i < way.length; i++) {
          way[i] = slotRank.size();
          slotRank.add(nodeRank[q] + 1 + i);
          lower.add(new int[] {from, way[i]});
          from = way[i];
        }
        lower.add(new int[] {from, p});
        edgeWays[firstEdge[p] + k] = way;
      }
    }
    int slots = slotRank.size();
    rank = new int[slots];
    for (int s = 0; s < slots; s++) {
      rank[s] = slotRank.get(s);
    }
    int ranks = Arrays.stream(nodeRank).max().orElse(0) + 1;
    List<List<Integer>> left = neighbours(slots, lower, 0);
    List<List<Integer>> right = neighbours(slots, lower, 1);
    // first order: by topological position of the node, or of an edge's operand for a waypoint
    double[] key = new double[slots];
    for (int s = 0; s < slots; s++) {
      key[s] = s < n ? s : key[left.get(s).get(0)]; // a waypoint's left slot comes before it
    }
    List<List<Integer>> columns = new ArrayList<>();
    for (int r = 0; r < ranks; r++) {
      columns.add(new ArrayList<>());
    }
    for (int s = 0; s < slots; s++) {
      columns.get(rank[s]).add(s);
    }
    row = new int[slots];
    for (List<Integer> column : columns) {
      order(column, key);
    }
    for (int sweep = 0; sweep < SWEEPS; sweep++) {
      for (int r = 1; r < ranks; r++) {
        order(columns.get(r), barycenters(columns.get(r), left));
      }
      for (int r = ranks - 2; r >= 0; r--) {
        order(columns.get(r), barycenters(columns.get(r), right));
      }
    }
    rowsInRank = new int[ranks];
    for (int r = 0; r < ranks; r++) {
      rowsInRank[r] = columns.get(r).size();
    }
    rows = Arrays.stream(rowsInRank).max().orElse(1);
  }

  /**
   * A node's rank is its column: an operation one right of its furthest operand, a leaf one left of
   * its nearest user, as Graphviz places them. One loop each way over the topological order.
   */
  private static int[] ranks(Graph graph) {
    int n = graph.size();
    int[] rank = new int[n];
    for (int p = 0; p < n; p++) {
      for (int k = 0; k < graph.node(p).arity(); k++) {
        rank[p] = Math.max(rank[p], rank[graph.operandPosition(p, k)] + 1);
      }
    }
    int[] nearestUser = new int[n];
    Arrays.fill(nearestUser, Integer.MAX_VALUE);
    for (int p = 0; p < n; p++) {
      for (int k = 0; k < graph.node(p).arity(); k++) {
        int q = graph.operandPosition(p, k);
        nearestUser[q] = Math.min(nearestUser[q], rank[p]);
      }
    }
    for (int p = 0; p < n; p++) {
      if (graph.node(p).arity() == 0 && nearestUser[p] != Integer.MAX_VALUE) {
        rank[p] = nearestUser[p] - 1;
      }
    }
    return rank;
  }

  /** {@return each slot's neighbours in the column on its left (side 0) or right (side 1)} */
  private static List<List<Integer>> neighbours(int slots, List<int[]> pairs, int side) {
    List<List<Integer>> out = new ArrayList<>();
    for (int s = 0; s < slots; s++) {
      out.add(new ArrayList<>());
    }
    for (int[] pair : pairs) {
      out.get(pair[1 - side]).add(pair[side]);
    }
    return out;
  }

  /** The mean row of each slot's neighbours; a slot without any keeps its row. */
  private double[] barycenters(List<Integer> column, List<List<Integer>> neighbours) {
    double[] key = new double[rank.length];
    for (int s : column) {
      List<Integer> near = neighbours.get(s);
      key[s] = near.isEmpty() ? row[s] : near.stream().mapToInt(t -> row[t]).average().orElse(0);
    }
    return key;
  }

  /** Sorts a column by key, ties in their present order (a stable sort), and numbers its rows. */
  private void order(List<Integer> column, double[] key) {
    column.sort(Comparator.comparingDouble((Integer s) -> key[s]));
    for (int i = 0; i < column.size(); i++) {
      row[column.get(i)] = i;
    }
  }

  /** {@return how many pairs of edge pieces between neighbouring columns cross} */
  int crossings() {
    int crossings = 0;
    for (int i = 0; i < lower.size(); i++) {
      for (int j = i + 1; j < lower.size(); j++) {
        int[] a = lower.get(i);
        int[] b = lower.get(j);
        if (rank[a[0]] == rank[b[0]] && (row[a[0]] - row[b[0]]) * (row[a[1]] - row[b[1]]) < 0) {
          crossings++;
        }
      }
    }
    return crossings;
  }

  int width() {
    return 2 * MARGIN + rowsInRank.length * COL_W - GAP_X;
  }

  int height() {
    return 2 * MARGIN + rows * ROW_H - (ROW_H - BOX_H);
  }

  /** {@return the left of the slot's column: where an operation's ellipse starts} */
  int x(int slot) {
    return MARGIN + rank[slot] * COL_W;
  }

  /** {@return the top of the slot's box; each column is centred on the tallest} */
  int y(int slot) {
    return MARGIN + (rows - rowsInRank[rank[slot]]) * ROW_H / 2 + row[slot] * ROW_H;
  }

  /**
   * {@return the SVG path of the edge from operand {@code k} of node {@code p} to its operation}:
   * from the operand's box, through its waypoints (straight across each column it passes, in the
   * waypoint's own slot), to the operation's ellipse; curves only in the gaps between columns
   */
  String edge(int p, int k) {
    int q = graph.operandPosition(p, k);
    StringBuilder d = new StringBuilder();
    int x = x(q) + BOX_X + BOX_W;
    int y = y(q) + BOX_H / 2;
    d.append('M').append(x).append(',').append(y);
    for (int way : edgeWays[firstEdge[p] + k]) {
      int wy = y(way) + BOX_H / 2;
      curve(d, x, y, x(way), wy);
      x = x(way) + BOX_X + BOX_W;
      y = wy;
      d.append(" L").append(x).append(',').append(y);
    }
    curve(d, x, y, x(p), y(p) + BOX_H / 2 + entry(p, k));
    return d.toString();
  }

  /**
   * {@return where the edge enters its operation, relative to the centre}: of two operands, the one
   * arriving from higher up enters higher, so the two never cross at the ellipse
   */
  private int entry(int p, int k) {
    if (graph.node(p).arity() == 1) {
      return 0;
    }
    int mine = arrival(p, k);
    int other = arrival(p, 1 - k);
    int side = mine != other ? Integer.compare(mine, other) : 2 * k - 1;
    return side * 6;
  }

  /** {@return the height at which the edge comes in: its last waypoint's, or its operand's} */
  private int arrival(int p, int k) {
    int[] way = edgeWays[firstEdge[p] + k];
    return y(way.length == 0 ? graph.operandPosition(p, k) : way[way.length - 1]);
  }

  /** A curve whose control points lie between its ends, so it stays in the gap. */
  private static void curve(StringBuilder d, int x1, int y1, int x2, int y2) {
    int bend = (x2 - x1) / 2;
    d.append(" C").append(x1 + bend).append(',').append(y1);
    d.append(' ').append(x2 - bend).append(',').append(y2);
    d.append(' ').append(x2).append(',').append(y2);
  }
}
