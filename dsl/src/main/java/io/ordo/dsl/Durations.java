package io.ordo.dsl;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DSL's duration syntax: whole numbers with a unit, largest unit first, each unit at most once
 * — {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}, {@code 1m30s}, {@code 1h30m}.
 */
public final class Durations {

  /** Shown in messages about a bad duration. */
  public static final String EXAMPLES = "500ms, 30s, 5m, 1h, 2d or 1m30s";

  // "(?!s)" keeps the m of "500ms" from being read as minutes. Nine digits per unit cannot
  // overflow.
  private static final Pattern FORMAT =
      Pattern.compile(
          "(?:(\\d{1,9})d)?(?:(\\d{1,9})h)?(?:(\\d{1,9})m(?!s))?(?:(\\d{1,9})s)?(?:(\\d{1,9})ms)?");

  private Durations() {}

  public static Optional<Duration> parse(String text) {
    Matcher matcher = FORMAT.matcher(text);
    if (text.isEmpty() || !matcher.matches()) {
      return Optional.empty();
    }
    Duration duration =
        Duration.ofDays(group(matcher, 1))
            .plusHours(group(matcher, 2))
            .plusMinutes(group(matcher, 3))
            .plusSeconds(group(matcher, 4))
            .plusMillis(group(matcher, 5));
    return Optional.of(duration);
  }

  /** The shortest text {@link #parse} reads back as {@code duration}, e.g. {@code 1m30s}. */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("durations in the DSL are never negative: " + duration);
    }
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    append(text, duration.toDays(), "d");
    append(text, duration.toHoursPart(), "h");
    append(text, duration.toMinutesPart(), "m");
    append(text, duration.toSecondsPart(), "s");
    append(text, duration.toMillisPart(), "ms");
    return text.toString();
  }

  private static long group(Matcher matcher, int group) {
    String digits = matcher.group(group);
    return digits == null ? 0 : Long.parseLong(digits);
  }

  private static void append(StringBuilder text, long amount, String unit) {
    if (amount > 0) {
      text.append(amount).append(unit);
    }
  }
}
