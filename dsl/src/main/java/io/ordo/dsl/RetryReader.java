package io.ordo.dsl;

import io.ordo.dsl.model.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a {@code retry} mapping as a partial policy laid over a base: each field that is written
 * replaces the base's, the rest are inherited. The base is {@code defaults.retry} (itself over
 * {@link RetryPolicy#DEFAULT}), so a step can say just {@code retry: {maxAttempts: 5}}.
 */
final class RetryReader {

  static final List<String> KEYS =
      List.of(
          "maxAttempts", "initialInterval", "multiplier", "maxInterval", "jitter", "nonRetryable");

  private final Scalars scalars;
  private final Violations violations;

  RetryReader(Scalars scalars, Violations violations) {
    this.scalars = scalars;
    this.violations = violations;
  }

  /** The merged policy; {@code base} when {@code node} is absent; null after a violation. */
  @Nullable RetryPolicy read(@Nullable Node node, String path, RetryPolicy base) {
    if (node == null) {
      return base;
    }
    YamlMap map = YamlMap.read(node, path, "retry", violations);
    if (map == null) {
      return null;
    }
    map.rejectUnknownKeys(KEYS);
    int before = violations.count();
    Integer maxAttempts =
        field(map, "maxAttempts", (n, p) -> scalars.wholeNumber(n, p, 1), base.maxAttempts());
    Duration initial = field(map, "initialInterval", scalars::duration, base.initialInterval());
    Double multiplier = field(map, "multiplier", this::multiplier, base.multiplier());
    Duration max = field(map, "maxInterval", scalars::duration, base.maxInterval());
    Double jitter = field(map, "jitter", this::jitter, base.jitter());
    List<String> nonRetryable =
        field(map, "nonRetryable", this::errorTypes, List.copyOf(base.nonRetryable()));
    // A reader returns null only after adding a violation, so past this check none is null.
    if (violations.count() > before || !inOrder(initial, max, path, node)) {
      return null;
    }
    return new RetryPolicy(maxAttempts, initial, multiplier, max, jitter, Set.copyOf(nonRetryable));
  }

  private @Nullable Double multiplier(Node node, String path) {
    return scalars.number(node, path, 1, Double.MAX_VALUE, "a number ≥ 1");
  }

  private @Nullable Double jitter(Node node, String path) {
    return scalars.number(node, path, 0, 1, "a number from 0 to 1");
  }

  private @Nullable List<String> errorTypes(Node node, String path) {
    return scalars.textList(node, path, "a list of error types, such as [CardDeclined]");
  }

  private boolean inOrder(
      @Nullable Duration initial, @Nullable Duration max, String path, Node node) {
    if (initial == null || max == null || max.compareTo(initial) >= 0) {
      return true;
    }
    violations.add(
        path,
        node,
        "maxInterval ("
            + Durations.format(max)
            + ") must not be shorter than initialInterval ("
            + Durations.format(initial)
            + ")");
    return false;
  }

  private static <T> @Nullable T field(
      YamlMap map, String key, BiFunction<Node, String, @Nullable T> reader, T inherited) {
    Node value = map.get(key);
    return value == null ? inherited : reader.apply(value, map.path(key));
  }
}
