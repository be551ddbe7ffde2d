package io.ordo.dsl.expr;

import java.util.Collection;
import java.util.Comparator;

/**
 * A "did you mean" hint for a misspelt name: the closest candidate within a couple of edits. Public
 * so the YAML reader gives the same hints for keys as expressions give for step ids.
 */
public final class Suggestion {

  private static final int MAX_EDITS = 2;

  private Suggestion() {}

  /** " (did you mean 'retry'?)", or "" when nothing is close. */
  public static String didYouMean(String typed, Collection<String> candidates) {
    return candidates.stream()
        .filter(c -> !c.equals(typed))
        .min(Comparator.comparingInt(c -> distance(typed.toLowerCase(), c.toLowerCase())))
        .filter(c -> distance(typed.toLowerCase(), c.toLowerCase()) <= MAX_EDITS)
        .map(c -> " (did you mean '" + c + "'?)")
        .orElse("");
  }

  /** Levenshtein distance; names are short, so the quadratic table is fine. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
