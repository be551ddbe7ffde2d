package io.ordo.dsl;

import java.util.regex.Pattern;

/** Builds the paths violations carry, as {@code steps[1].retry.maxAttempts}. */
final class YamlPath {

  private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z0-9_$-]+");

  private YamlPath() {}

  static String child(String parent, String key) {
    if (!SIMPLE_KEY.matcher(key).matches()) {
      return parent + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }
    return parent.isEmpty() ? key : parent + "." + key;
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** The last key of a path, for messages: {@code steps[0].retry.jitter} → {@code jitter}. */
  static String lastKey(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }
}
