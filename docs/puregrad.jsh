// puregrad in JShell. From the project root:
//   mvn -q install -Pquick
//   mvn -q dependency:build-classpath -pl demo -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test -DexcludeTypes=pom
//   jshell --feedback concise --class-path "$(cat demo/target/cp.txt)" docs/puregrad.jsh
// --feedback concise: JShell then prints what a block prints, not an echo of every declaration
// (a `/set feedback` line in this file would run before JShell knows its feedback modes).
// The imports below are also the ones the docs' java blocks are compiled with (DocsTest), so any
// block of docs/tutorial.md can be pasted here as it is.

import io.github.puregrad.expr.*;
import io.github.puregrad.grad.*;
import io.github.puregrad.check.*;
import io.github.puregrad.nn.*;
import io.github.puregrad.optim.*;
import io.github.puregrad.train.*;
import io.github.puregrad.data.*;
import io.github.puregrad.viz.*;
import io.github.puregrad.plot.*;
import io.github.puregrad.save.*;
import io.github.puregrad.test.*;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.collection.Stream;
import io.vavr.collection.Seq;
import io.vavr.collection.Map;
import io.vavr.collection.HashMap;
import io.vavr.collection.LinkedHashMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.util.SplittableRandom;

// A worked example: the neuron of micrograd's lecture, o = tanh(x1*w1 + x2*w2 + b).
Expr x1 = Expr.of(2.0, "x1");
Expr x2 = Expr.of(0.0, "x2");
Expr w1 = Expr.of(-3.0, "w1");
Expr w2 = Expr.of(1.0, "w2");
Expr b = Expr.of(6.8813735870195432, "b");
Expr n = x1.mul(w1).add(x2.mul(w2)).add(b).withLabel("n");   // withLabel: named in pictures
Expr o = n.tanh().withLabel("o");
Gradients grads = Autodiff.backward(o);

System.out.println("""
    puregrad is on the class path. Defined: x1, x2, w1, w2, b, n = x1*w1 + x2*w2 + b,
    o = tanh(n) and grads = Autodiff.backward(o).
    Try:  o.value()   grads.get(x1)   grads.get(w1)   System.out.print(Trace.of(o).render())
          Mlp model = Mlp.of(3, List.of(4, 4, 1), new SplittableRandom(42))
    Then follow docs/tutorial.md; /exit to leave.
    """);
