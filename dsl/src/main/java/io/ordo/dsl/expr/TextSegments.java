package io.ordo.dsl.expr;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Splits a string into literal text and {@code ${ … }} placeholders. {@code $${} stands for a
 * literal {@code ${}, for payloads that must carry one (shell snippets, other template engines).
 */
final class TextSegments {

  sealed interface Segment {}

  record Text(String text) implements Segment {}

  record Placeholder(String source) implements Segment {}

  /** Either segments, or a problem such as an unterminated placeholder. */
  record Split(List<Segment> segments, @Nullable String problem) {}

  private TextSegments() {}

  static boolean mayHoldExpressions(String text) {
    return text.contains("${");
  }

  static Split split(String text) {
    List<Segment> segments = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        literal.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int close = Placeholders.closingBrace(text, i + 2, text.length());
        if (close < 0) {
          return new Split(
              List.of(),
              "unterminated expression: the '${' at position " + (i + 1) + " has no closing '}'");
        }
        flush(literal, segments);
        segments.add(new Placeholder(text.substring(i + 2, close).strip()));
        i = close + 1;
      } else {
        literal.append(text.charAt(i++));
      }
    }
    flush(literal, segments);
    return new Split(segments, null);
  }

  private static void flush(StringBuilder literal, List<Segment> segments) {
    if (!literal.isEmpty()) {
      segments.add(new Text(literal.toString()));
      literal.setLength(0);
    }
  }
}
