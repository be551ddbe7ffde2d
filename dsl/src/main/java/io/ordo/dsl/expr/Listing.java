package io.ordo.dsl.expr;

import java.util.List;

/**
 * Names in a message, cut short where a large workflow would make the message a wall of ids. Public
 * so that the YAML reader words its listings the same way.
 */
public final class Listing {

  static final int MAX_SHOWN = 20;

  private Listing() {}

  /** "a, b, c", or "a, b, … and 7 more". */
  public static String of(List<String> names) {
    if (names.size() <= MAX_SHOWN) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, MAX_SHOWN))
        + ", … and "
        + (names.size() - MAX_SHOWN)
        + " more";
  }

  /**
   * "only earlier steps (a, b) can be referenced", or "… can be referenced, and there are none":
   * {@code rule} names which steps a position sees, {@code visible} are those it sees.
   */
  public static String rule(String rule, List<String> visible) {
    return visible.isEmpty()
        ? rule + " can be referenced, and there are none"
        : rule + " (" + of(visible) + ") can be referenced";
  }
}
