package io.ordo.dsl.expr;

/**
 * Where a {@code ${ … }} placeholder ends. Public because the YAML reader must find placeholders in
 * raw text with exactly the rule the template compiler uses on the loaded strings.
 */
public final class Placeholders {

  private Placeholders() {}

  /**
   * The index of the '}' that closes a placeholder whose body starts at {@code from}, or -1 if none
   * does before {@code end}. Braces of CEL map literals nest; braces inside CEL string literals do
   * not count.
   */
  public static int closingBrace(CharSequence text, int from, int end) {
    int depth = 1;
    char quote = 0;
    for (int i = from; i < end; i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }
}
