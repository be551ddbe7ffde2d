package io.ordo.dsl;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * Turns fuzz data into the choices a generator makes. Exhausted data reads as zeros, so every
 * choice here gives its plain option then: the first of a vocabulary, no rare event, one element.
 */
final class FuzzChoices {

  private final FuzzedDataProvider data;

  FuzzChoices(FuzzedDataProvider data) {
    this.data = data;
  }

  /** A vocabulary written as one string, words separated by '|' so that they may hold spaces. */
  static String[] words(String words) {
    return words.split("\\|", -1);
  }

  <T> T pick(T[] values) {
    return values[data.consumeInt(0, values.length - 1)];
  }

  boolean flag() {
    return data.consumeBoolean();
  }

  /** True once in {@code n} times. */
  boolean oneIn(int n) {
    return data.consumeInt(0, n - 1) == n - 1;
  }

  /** Zero to {@code n - 1}. */
  int below(int n) {
    return data.consumeInt(0, n - 1);
  }

  /** Zero to three elements, one when the data has run out. */
  int count() {
    return (data.consumeInt(0, 3) + 1) % 4;
  }

  /** The text as it is, or in double or single quotes. */
  String quoted(String text) {
    return switch (data.consumeInt(0, 2)) {
      case 0 -> text;
      case 1 -> '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
      default -> '\'' + text.replace("'", "''") + '\'';
    };
  }

  /**
   * Fuzz text as a double-quoted scalar, escaped so that it stays one valid YAML scalar: broken
   * YAML is for the fuzz test's text mode, this is for odd values in a well-formed document.
   */
  String raw() {
    StringBuilder quoted = new StringBuilder("\"");
    data.consumeString(16)
        .chars()
        .forEach(
            c -> {
              if (c == '"' || c == '\\') {
                quoted.append('\\').append((char) c);
              } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c >= 0xd800) {
                quoted.append(String.format("\\u%04x", c));
              } else {
                quoted.append((char) c);
              }
            });
    return quoted.append('"').toString();
  }
}
