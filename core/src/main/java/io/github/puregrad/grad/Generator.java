package io.github.puregrad.grad;

import static org.objectweb.asm.Opcodes.AALOAD;
import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.BIPUSH;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.DADD;
import static org.objectweb.asm.Opcodes.DALOAD;
import static org.objectweb.asm.Opcodes.DASTORE;
import static org.objectweb.asm.Opcodes.DCONST_0;
import static org.objectweb.asm.Opcodes.DLOAD;
import static org.objectweb.asm.Opcodes.DMUL;
import static org.objectweb.asm.Opcodes.DSTORE;
import static org.objectweb.asm.Opcodes.DUP2;
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.PUTSTATIC;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.SIPUSH;
import static org.objectweb.asm.Opcodes.V17;

import io.github.puregrad.expr.BinaryOp;
import io.github.puregrad.expr.UnaryOp;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Writes a tape's forward and backward sweeps as straight-line JVM bytecode (decision 0085): per
 * node, the code the interpreter's loops run for it, with the positions, operations and constants
 * known, so that HotSpot compiles it like a hand-written function.
 *
 * <p>The tape is cut into chunks of consecutive positions, each with a forward and a backward
 * method under HotSpot's 8,000-byte limit. Inside a method, values and gradients live in locals;
 * what crosses methods goes through the caller's arrays: v (values) and g (gradients). Every
 * operation runs its own rule, as in the interpreter; only {@link BinaryOp#ADD} and {@link
 * BinaryOp#MUL} are written as the JVM's {@code dadd} and {@code dmul}, which is what their rules
 * compute ({@code a + b}, {@code a * b}, local derivatives 1 and the other operand). Gradients add
 * up in the interpreter's order, from 0.0, so the numbers are the same to the last bit.
 *
 * <p>Only loaded when ASM is on the class path: {@link Tape#compile()} checks first.
 */
final class Generator {
  /** A hidden class's share of the code: some of the chunk methods, run in order. */
  interface Part {
    void run(double[] x, double[] v, double[] g, double[] gradient);
  }

  /** Thrown where the generator declines a tape, with the reason. */
  static final class Declined extends Exception {
    private static final long serialVersionUID = 1L;

    Declined(String reason) {
      super(reason, null, false, false);
    }
  }

  // A method closes before its estimated code passes METHOD_BYTES, under HotSpot's 8,000. The
  // estimates are the worst case of each kind of node, in bytes: an operand read from an array
  // and kept in a local is up to 10 (aload, ldc_w, daload, dup2, wide dstore), a local 4 (wide),
  // a call on an operation's constant 7 plus its operands.
  static final int METHOD_BYTES = 7_000;
  private static final int FORWARD_INTRINSIC = 34; // two operands, dadd or dmul, stores
  private static final int FORWARD_CALL = 41;
  private static final int BACKWARD_NODE = 22; // its gradient into a local (or gradient[i])
  private static final int BACKWARD_ADD = 27; // per operand: acc + g * 1.0, stored
  private static final int BACKWARD_MUL = 37; // acc + g * (the other operand)
  private static final int BACKWARD_CALL = 64; // acc + g * op.partial(k, a, b, y)
  // A class's constant pool holds 65,535 entries: its positions and constants stay far below.
  private static final int CLASS_NODES = 4_000;

  private static final String PART = Type.getInternalName(Part.class);
  private static final String NAME = "io/github/puregrad/grad/Generated";
  private static final String METHOD = "([D[D[D[D)V";
  private static final String UNARY = Type.getDescriptor(UnaryOp.class);
  private static final String BINARY = Type.getDescriptor(BinaryOp.class);

  // the tape, by topological position (see Tape)
  private final UnaryOp[] unary;
  private final BinaryOp[] binary;
  private final int[] left;
  private final int[] right;
  private final double[] traced;
  private final int[] variable; // index of the variable at a position, -1 if none
  private final boolean[] needsGrad; // a variable is at or below it
  private final boolean[] stored; // its value goes to v: read by another method
  private final boolean[] written; // g holds a share of its gradient (while writing backward)
  private final int[] chunkOf;
  private final List<int[]> chunks = new ArrayList<>(); // [start, end) of positions

  // the method being written: its locals, by position
  private final int[] valueLocal;
  private final int[] gradLocal;
  private final int[] stamp; // which method a position's locals belong to
  private int method;
  private int nextLocal;
  private int largest; // bytes of code of the largest method written
  private @Nullable MethodVisitor mv;
  private @Nullable Map<Object, Integer> ops; // of the class written

  Generator(
      UnaryOp[] unary,
      BinaryOp[] binary,
      int[] left,
      int[] right,
      double[] traced,
      int[] slots,
      int[] observed) {
    int n = left.length;
    this.unary = unary;
    this.binary = binary;
    this.left = left;
    this.right = right;
    this.traced = traced;
    variable = new int[n];
    Arrays.fill(variable, -1);
    for (int i = 0; i < slots.length; i++) {
      if (slots[i] >= 0) {
        variable[slots[i]] = i;
      }
    }
    needsGrad = new boolean[n];
    for (int p = 0; p < n; p++) {
      needsGrad[p] =
          isLeaf(p) ? variable[p] >= 0 : needsGrad[left[p]] || right[p] >= 0 && needsGrad[right[p]];
    }
    chunkOf = new int[n];
    cut();
    stored = new boolean[n];
    for (int p = 0; p < n; p++) {
      markStored(p);
    }
    for (int p : observed) {
      stored[p] = true;
    }
    stored[n - 1] = true;
    written = new boolean[n];
    valueLocal = new int[n];
    gradLocal = new int[n];
    stamp = new int[n];
    Arrays.fill(stamp, -1);
  }

  /**
   * {@return the code of this tape: the parts that compute its values into v (those another method
   * reads, the observed ones and the output) and the variables' gradients into gradient, run in
   * order}
   *
   * @throws Declined if the JVM refuses the code
   */
  Code generate() throws Declined {
    return new Code(parts().toArray(new Part[0]), 2 * chunks.size(), largest);
  }

  /**
   * The generated classes' instances, run in order; the methods of the tape's code, and the size of
   * the largest in bytes.
   */
  record Code(Part[] parts, int methods, int largestMethod) {}

  private boolean isLeaf(int p) {
    return unary[p] == null && binary[p] == null;
  }

  // Chunks of consecutive positions whose forward and backward code each fit in a method
  private void cut() {
    int start = 0;
    int forward = 0;
    int backward = 0;
    for (int p = 0; p < left.length; p++) {
      int f = isLeaf(p) ? 0 : intrinsic(p) ? FORWARD_INTRINSIC : FORWARD_CALL;
      int b = needsGrad[p] ? BACKWARD_NODE + gradOperands(p) * backwardOperand(p) : 0;
      if (p > start && (forward + f > METHOD_BYTES || backward + b > METHOD_BYTES)) {
        chunks.add(new int[] {start, p});
        start = p;
        forward = 0;
        backward = 0;
      }
      forward += f;
      backward += b;
      chunkOf[p] = chunks.size();
    }
    chunks.add(new int[] {start, left.length});
  }

  private boolean intrinsic(int p) {
    return binary[p] == BinaryOp.ADD || binary[p] == BinaryOp.MUL;
  }

  private int backwardOperand(int p) {
    return binary[p] == BinaryOp.ADD
        ? BACKWARD_ADD
        : binary[p] == BinaryOp.MUL ? BACKWARD_MUL : BACKWARD_CALL;
  }

  private int gradOperands(int p) {
    if (isLeaf(p)) {
      return 0;
    }
    return (needsGrad[left[p]] ? 1 : 0) + (right[p] >= 0 && needsGrad[right[p]] ? 1 : 0);
  }

  // A node's value goes to v where another method reads it: a later chunk's forward code, or the
  // backward code, which reads the values its operations' rules take
  private void markStored(int p) {
    if (isLeaf(p)) {
      return;
    }
    int l = left[p];
    int r = right[p];
    if (chunkOf[l] != chunkOf[p] && !isLeaf(l)) {
      stored[l] = true;
    }
    if (r >= 0 && chunkOf[r] != chunkOf[p] && !isLeaf(r)) {
      stored[r] = true;
    }
    if (!needsGrad[p]) {
      return;
    }
    if (binary[p] == BinaryOp.MUL) { // each operand's derivative is the other operand
      stored[l] |= !isLeaf(l) && needsGrad[r];
      stored[r] |= !isLeaf(r) && needsGrad[l];
    } else if (binary[p] != BinaryOp.ADD) { // a rule of a, b and y, or x and y
      stored[p] = true;
      stored[l] |= !isLeaf(l);
      if (r >= 0) {
        stored[r] |= !isLeaf(r);
      }
    }
  }

  private List<Part> parts() throws Declined {
    // the methods in the order they run: forward chunk by chunk, then backward from the last
    List<int[]> order = new ArrayList<>(); // {forward 1 / backward 0, chunk}
    for (int c = 0; c < chunks.size(); c++) {
      order.add(new int[] {1, c});
    }
    for (int c = chunks.size() - 1; c >= 0; c--) {
      order.add(new int[] {0, c});
    }
    List<Part> parts = new ArrayList<>();
    int from = 0;
    while (from < order.size()) {
      int to = from;
      int nodes = 0;
      while (to < order.size() && (to == from || nodes + size(order.get(to)[1]) <= CLASS_NODES)) {
        nodes += size(order.get(to)[1]);
        to++;
      }
      parts.add(define(order.subList(from, to)));
      from = to;
    }
    return parts;
  }

  private int size(int chunk) {
    return chunks.get(chunk)[1] - chunks.get(chunk)[0];
  }

  private Part define(List<int[]> methods) throws Declined {
    ops = new IdentityHashMap<>();
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(V17, ACC_FINAL | ACC_SUPER, NAME, null, "java/lang/Object", new String[] {PART});
    MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitVarInsn(ALOAD, 0);
    init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitInsn(RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    MethodVisitor run = cw.visitMethod(ACC_PUBLIC, "run", METHOD, null, null);
    for (int[] m : methods) {
      String name = (m[0] == 1 ? "f" : "b") + m[1];
      for (int a = 1; a <= 4; a++) {
        run.visitVarInsn(ALOAD, a);
      }
      run.visitMethodInsn(INVOKESTATIC, NAME, name, METHOD, false);
      mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, name, METHOD, null, null);
      method++;
      nextLocal = 4;
      if (m[0] == 1) {
        forward(chunks.get(m[1]));
      } else {
        backward(chunks.get(m[1]));
      }
      mv.visitInsn(RETURN);
      Label end = new Label();
      mv.visitLabel(end);
      largest = Math.max(largest, end.getOffset());
      mv.visitMaxs(0, 0);
      mv.visitEnd();
    }
    run.visitInsn(RETURN);
    run.visitMaxs(0, 0);
    run.visitEnd();
    Object[] data = constants(cw);
    cw.visitEnd();
    try {
      MethodHandles.Lookup lookup =
          MethodHandles.lookup().defineHiddenClassWithClassData(cw.toByteArray(), data, true);
      return (Part)
          lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class)).invoke();
    } catch (Throwable e) { // a LinkageError or an access check: the interpreter runs instead
      throw new Declined("the JVM refused the generated code: " + e);
    }
  }

  // One static final field per operation the class calls, set from the class data: a constant
  // to HotSpot, which then inlines the operation's function
  private Object[] constants(ClassWriter cw) {
    Map<Object, Integer> used = Objects.requireNonNull(ops);
    Object[] data = new Object[used.size()];
    MethodVisitor clinit = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
    clinit.visitMethodInsn(
        INVOKESTATIC,
        "java/lang/invoke/MethodHandles",
        "lookup",
        "()Ljava/lang/invoke/MethodHandles$Lookup;",
        false);
    clinit.visitLdcInsn("_");
    clinit.visitLdcInsn(Type.getType(Object[].class));
    clinit.visitMethodInsn(
        INVOKESTATIC,
        "java/lang/invoke/MethodHandles",
        "classData",
        "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;",
        false);
    clinit.visitTypeInsn(CHECKCAST, "[Ljava/lang/Object;");
    clinit.visitVarInsn(ASTORE, 0);
    for (Map.Entry<Object, Integer> e : used.entrySet()) {
      int i = e.getValue();
      data[i] = e.getKey();
      String type = e.getKey() instanceof UnaryOp ? UNARY : BINARY;
      cw.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL, "o" + i, type, null, null).visitEnd();
      clinit.visitVarInsn(ALOAD, 0);
      push(clinit, i);
      clinit.visitInsn(AALOAD);
      clinit.visitTypeInsn(CHECKCAST, Type.getType(type).getInternalName());
      clinit.visitFieldInsn(PUTSTATIC, NAME, "o" + i, type);
    }
    clinit.visitInsn(RETURN);
    clinit.visitMaxs(0, 0);
    clinit.visitEnd();
    return data;
  }

  // -- forward: v[p] = op(v[l], v[r]) for each node, in order

  private void forward(int[] chunk) {
    for (int p = chunk[0]; p < chunk[1]; p++) {
      if (isLeaf(p)) {
        continue; // a constant, or the caller's x: loaded where used
      }
      if (intrinsic(p)) {
        value(left[p]);
        value(right[p]);
        mv().visitInsn(binary[p] == BinaryOp.ADD ? DADD : DMUL);
      } else if (binary[p] != null) {
        op(binary[p]);
        value(left[p]);
        value(right[p]);
        mv().visitMethodInsn(INVOKEVIRTUAL, internal(BINARY), "apply", "(DD)D", false);
      } else {
        op(unary[p]);
        value(left[p]);
        mv().visitMethodInsn(INVOKEVIRTUAL, internal(UNARY), "apply", "(D)D", false);
      }
      int local = newLocal();
      mv().visitVarInsn(DSTORE, local);
      own(p);
      valueLocal[p] = local;
      if (stored[p]) {
        mv().visitVarInsn(ALOAD, 1);
        push(mv(), p);
        mv().visitVarInsn(DLOAD, local);
        mv().visitInsn(DASTORE);
      }
    }
  }

  // Pushes the value at position q: a local of this method, a constant, x[i] or v[q], the last
  // two kept in a local from their first use on
  private void value(int q) {
    own(q);
    if (valueLocal[q] >= 0) {
      mv().visitVarInsn(DLOAD, valueLocal[q]);
      return;
    }
    if (isLeaf(q) && variable[q] < 0) {
      mv().visitLdcInsn(traced[q]);
      return;
    }
    mv().visitVarInsn(ALOAD, isLeaf(q) ? 0 : 1);
    push(mv(), isLeaf(q) ? variable[q] : q);
    mv().visitInsn(DALOAD);
    mv().visitInsn(DUP2);
    valueLocal[q] = newLocal();
    mv().visitVarInsn(DSTORE, valueLocal[q]);
  }

  // -- backward: for each node from the last, grad[operand] += grad[node] * local derivative

  private void backward(int[] chunk) {
    int last = left.length - 1;
    for (int p = chunk[1] - 1; p >= chunk[0]; p--) {
      if (!needsGrad[p]) {
        continue;
      }
      own(p);
      int g = newLocal(); // d output / d node: complete, as every user comes later
      if (p == last) {
        mv().visitLdcInsn(1.0);
      } else if (gradLocal[p] >= 0) {
        mv().visitVarInsn(DLOAD, gradLocal[p]);
      } else {
        mv().visitVarInsn(ALOAD, 2);
        push(mv(), p);
        mv().visitInsn(DALOAD);
      }
      mv().visitVarInsn(DSTORE, g);
      if (isLeaf(p)) {
        mv().visitVarInsn(ALOAD, 3);
        push(mv(), variable[p]);
        mv().visitVarInsn(DLOAD, g);
        mv().visitInsn(DASTORE);
        continue;
      }
      for (int k = 0; k < (binary[p] != null ? 2 : 1); k++) {
        int q = k == 0 ? left[p] : right[p];
        if (needsGrad[q]) {
          accumulate(q, chunk, p, k, g);
        }
      }
    }
  }

  // grad[q] += g * (the local derivative of p in operand k), where grad[q] starts at 0.0: in a
  // local if q is in this chunk, else in the array g
  private void accumulate(int q, int[] chunk, int p, int k, int g) {
    own(q);
    boolean here = q >= chunk[0];
    if (here && gradLocal[q] >= 0) {
      mv().visitVarInsn(DLOAD, gradLocal[q]);
    } else if (written[q]) {
      mv().visitVarInsn(ALOAD, 2);
      push(mv(), q);
      if (!here) {
        mv().visitInsn(DUP2); // array and index, again for the store
      }
      mv().visitInsn(DALOAD);
    } else {
      if (!here) {
        mv().visitVarInsn(ALOAD, 2);
        push(mv(), q);
      }
      mv().visitInsn(DCONST_0);
    }
    mv().visitVarInsn(DLOAD, g);
    partial(p, k);
    mv().visitInsn(DMUL);
    mv().visitInsn(DADD);
    if (here) {
      if (gradLocal[q] < 0) {
        gradLocal[q] = newLocal();
      }
      mv().visitVarInsn(DSTORE, gradLocal[q]);
    } else {
      mv().visitInsn(DASTORE);
      written[q] = true;
    }
  }

  // Pushes node p's local derivative in operand k, from its operation's rule
  private void partial(int p, int k) {
    int l = left[p];
    int r = right[p];
    if (binary[p] == BinaryOp.ADD) {
      mv().visitLdcInsn(1.0);
    } else if (binary[p] == BinaryOp.MUL) {
      value(k == 0 ? r : l);
    } else if (binary[p] != null) {
      op(binary[p]);
      push(mv(), k);
      value(l);
      value(r);
      value(p);
      mv().visitMethodInsn(INVOKEVIRTUAL, internal(BINARY), "partial", "(IDDD)D", false);
    } else {
      op(unary[p]);
      value(l);
      value(p);
      mv().visitMethodInsn(INVOKEVIRTUAL, internal(UNARY), "partial", "(DD)D", false);
    }
  }

  // -- the bytecode's small pieces

  private MethodVisitor mv() {
    return Objects.requireNonNull(mv);
  }

  private void op(Object op) {
    Map<Object, Integer> known = Objects.requireNonNull(ops);
    Integer i = known.get(op);
    if (i == null) {
      i = known.size();
      known.put(op, i);
    }
    mv().visitFieldInsn(GETSTATIC, NAME, "o" + i, op instanceof UnaryOp ? UNARY : BINARY);
  }

  // Resets position q's locals when the method changes
  private void own(int q) {
    if (stamp[q] != method) {
      stamp[q] = method;
      valueLocal[q] = -1;
      gradLocal[q] = -1;
    }
  }

  private int newLocal() {
    int local = nextLocal;
    nextLocal += 2; // a double takes two slots
    return local;
  }

  private static String internal(String descriptor) {
    return Type.getType(descriptor).getInternalName();
  }

  private static void push(MethodVisitor mv, int i) {
    if (i <= 5) {
      mv.visitInsn(ICONST_0 + i);
    } else if (i <= Byte.MAX_VALUE) {
      mv.visitIntInsn(BIPUSH, i);
    } else if (i <= Short.MAX_VALUE) {
      mv.visitIntInsn(SIPUSH, i);
    } else {
      mv.visitLdcInsn(i);
    }
  }
}
