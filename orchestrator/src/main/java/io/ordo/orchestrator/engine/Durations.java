package io.ordo.orchestrator.engine;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Durations in messages as people write them in the DSL: {@code 30s}, {@code 1m 30s}, {@code 2h}.
 */
final class Durations {

  private Durations() {}

  static String human(@Nullable Duration duration) {
    if (duration == null) {
      return "no limit";
    }
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    append(text, duration.toDaysPart(), "d");
    append(text, duration.toHoursPart(), "h");
    append(text, duration.toMinutesPart(), "m");
    append(text, duration.toSecondsPart(), "s");
    append(text, duration.toMillisPart(), "ms");
    return text.toString();
  }

  private static void append(StringBuilder text, long amount, String unit) {
    if (amount > 0) {
      text.append(text.isEmpty() ? "" : " ").append(amount).append(unit);
    }
  }
}
