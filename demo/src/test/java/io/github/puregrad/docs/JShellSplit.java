package io.github.puregrad.docs;

import io.vavr.collection.List;
import java.util.regex.Pattern;
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
  private static final Pattern DANGLING = Pattern.compile("[.+)?:]|&&|\\|\\|");

  private JShellSplit() {}

  /**
   * {@return the snippets JShell would see that start with {@code .}, a binary operator or {@code
   * )}}
   */
  static List<String> danglingLines(String code) {
    List<String> dangling = List.empty();
    try (JShell shell = JShell.builder().executionEngine("local").build()) {
      SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
      // like JShell reading a paste: a line at a time, cutting as soon as the input is complete
      String buffer = "";
      for (String line : code.split("\n", -1)) {
        buffer = buffer + line + "\n";
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(buffer);
        while (info.completeness().isComplete()) {
          String start = info.source().strip();
          if (DANGLING.matcher(start).lookingAt()) {
            dangling = dangling.append(start.lines().findFirst().orElse(start));
          }
          buffer = info.remaining();
          info = analysis.analyzeCompletion(buffer);
        }
      }
    }
    return dangling;
  }
}
