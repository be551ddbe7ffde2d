package io.ordo.dsl;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The names of the variables an expression sees besides {@code input}, {@code steps} and {@code
 * run}: a forEach item under its {@code as} name, and {@code error} in a catch. The engine binds
 * them under exactly these names.
 */
final class LocalNames {

  static final String ERROR = "error";

  /** Names an item may not take: the globals and {@code error}, which it would hide. */
  static final List<String> TAKEN = List.of("input", "steps", "run", ERROR);

  /** CEL's reserved words, which cannot name a variable in an expression. */
  static final List<String> CEL_RESERVED =
      List.of(
          "true",
          "false",
          "null",
          "in",
          "as",
          "break",
          "const",
          "continue",
          "else",
          "for",
          "function",
          "if",
          "import",
          "let",
          "loop",
          "package",
          "namespace",
          "return",
          "var",
          "void",
          "while");

  static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private LocalNames() {}

  /** Whether {@code name} can be declared for expressions; why not is the reader's to report. */
  static boolean isUsable(String name) {
    return IDENTIFIER.matcher(name).matches()
        && !TAKEN.contains(name)
        && !CEL_RESERVED.contains(name);
  }
}
