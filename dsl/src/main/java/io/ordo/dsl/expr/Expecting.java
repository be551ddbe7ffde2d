package io.ordo.dsl.expr;

import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;

/**
 * What a whole-value expression must give where it stands: an {@code if} true or false, a {@code
 * forEach} a list. Checked at deploy time as far as CEL knows the type; most expressions read JSON,
 * whose type is dynamic, and those are checked when they run.
 */
public enum Expecting {
  ANY("any value", CelKind.DYN),
  BOOLEAN("true or false", CelKind.BOOL),
  LIST("a list", CelKind.LIST);

  private final String words;
  private final CelKind kind;

  Expecting(String words, CelKind kind) {
    this.words = words;
    this.kind = kind;
  }

  /** How a message says it: "true or false". */
  public String words() {
    return words;
  }

  /** True when CEL knows {@code type} to be a different one. */
  boolean isContradictedBy(CelType type) {
    if (this == ANY) {
      return false;
    }
    return switch (type.kind()) {
      case BOOL,
          BYTES,
          DOUBLE,
          DURATION,
          INT,
          LIST,
          MAP,
          NULL_TYPE,
          STRING,
          TIMESTAMP,
          UINT,
          TYPE ->
          type.kind() != kind;
      default -> false; // dyn and the like: known only when it runs
    };
  }

  static String words(CelType type) {
    return switch (type.kind()) {
      case BOOL -> "true or false";
      case INT, UINT, DOUBLE -> "a number";
      case STRING -> "a string";
      case LIST -> "a list";
      case MAP -> "a map";
      case NULL_TYPE -> "null";
      case TIMESTAMP -> "a timestamp";
      case DURATION -> "a duration";
      case BYTES -> "bytes";
      default -> "a " + type.name();
    };
  }
}
