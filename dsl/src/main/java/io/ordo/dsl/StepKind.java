package io.ordo.dsl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The kinds of step, each named by one key, and the keys each takes. Keys of another kind are
 * reported as such, so {@code maxConcurrency} on a function step says where it belongs.
 */
enum StepKind {
  FUNCTION("function", List.of("input", "startTimeout"), true),
  SWITCH("switch", List.of("default"), false),
  PARALLEL("parallel", List.of(), false),
  FOR_EACH("forEach", List.of("as", "maxConcurrency", "steps"), false),
  WAIT("wait", List.of(), false),
  WAIT_FOR_SIGNAL("waitForSignal", List.of(), false),
  WORKFLOW("workflow", List.of("version", "input"), true),
  FAIL("fail", List.of(), false),
  SUCCEED("succeed", List.of(), false);

  /** Keys every kind takes, besides its own. */
  static final List<String> OPTION_KEYS = List.of("if", "timeout", "retry", "catch", "compensate");

  /** The kind keys, in the order messages list them. */
  static final List<String> KIND_KEYS = Arrays.stream(values()).map(k -> k.key).toList();

  private final String key;
  private final List<String> ownKeys;
  private final boolean hasAttempts;

  StepKind(String key, List<String> ownKeys, boolean hasAttempts) {
    this.key = key;
    this.ownKeys = ownKeys;
    this.hasAttempts = hasAttempts;
  }

  String key() {
    return key;
  }

  /** Function and workflow steps make attempts, so only they may retry. */
  boolean hasAttempts() {
    return hasAttempts;
  }

  /** Every key a step of this kind may have, in the order messages list them. */
  List<String> keys() {
    List<String> keys = new ArrayList<>(List.of("id", key));
    keys.addAll(ownKeys);
    OPTION_KEYS.stream().filter(k -> hasAttempts || !k.equals("retry")).forEach(keys::add);
    return keys;
  }

  /** Every key some kind of step may have. */
  static List<String> allKeys() {
    Set<String> keys = new LinkedHashSet<>(List.of("id"));
    for (StepKind kind : values()) {
      keys.add(kind.key);
      keys.addAll(kind.ownKeys);
    }
    keys.addAll(OPTION_KEYS);
    return List.copyOf(keys);
  }

  /** The kinds whose own keys include {@code key}: where a misplaced key belongs. */
  static List<StepKind> owning(String key) {
    return Arrays.stream(values()).filter(k -> k.ownKeys.contains(key)).toList();
  }

  static StepKind of(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst().orElseThrow();
  }
}
