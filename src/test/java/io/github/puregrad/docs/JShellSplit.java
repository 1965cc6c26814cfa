package io.github.puregrad.docs;

import io.vavr.collection.List;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

/**
 * How JShell cuts pasted text into snippets, to find blocks that compile as a method body but not
 * when pasted line by line.
 *
 * <pre>{@code
 * JShellSplit.danglingLines("int x = 1;\nx.toString();");   // empty
 * JShellSplit.danglingLines("Plot p = plot()\n    .withSize(1, 2);");   // one line: ".withSize..."
 * }</pre>
 */
final class JShellSplit {
  private JShellSplit() {}

  /** {@return the snippets JShell would see that start with {@code .}, a binary operator or {@code )}} */
  static List<String> danglingLines(String code) {
    List<String> dangling = List.empty();
    try (JShell shell = JShell.builder().executionEngine("local").build()) {
      SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
      String remaining = code;
      while (!remaining.isBlank()) {
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
        String snippet = info.completeness().isComplete() ? info.source() : remaining;
        String start = snippet.strip();
        if (start.startsWith(".") || start.startsWith("+") || start.startsWith(")")
            || start.startsWith("&&") || start.startsWith("||") || start.startsWith("?")
            || start.startsWith(":")) {
          dangling = dangling.append(start.lines().findFirst().orElse(start));
        }
        if (!info.completeness().isComplete()) {
          break;
        }
        remaining = info.remaining();
      }
    }
    return dangling;
  }
}
