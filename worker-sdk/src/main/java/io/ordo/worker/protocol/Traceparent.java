package io.ordo.worker.protocol;

import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A W3C trace context {@code traceparent} header: {@code 00-<trace id>-<parent span id>-<flags>}.
 *
 * @param traceId 32 lowercase hex digits, not all zero
 * @param parentId 16 lowercase hex digits, not all zero: the span of whoever sent the message
 */
public record Traceparent(String traceId, String parentId, boolean sampled) {

  private static final Pattern HEADER =
      Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
  private static final String INVALID_VERSION = "ff";
  private static final HexFormat HEX = HexFormat.of();

  public Traceparent {
    if (!traceId.matches("[0-9a-f]{32}") || traceId.chars().allMatch(c -> c == '0')) {
      throw new IllegalArgumentException("invalid trace id: " + traceId);
    }
    if (!parentId.matches("[0-9a-f]{16}") || parentId.chars().allMatch(c -> c == '0')) {
      throw new IllegalArgumentException("invalid parent id: " + parentId);
    }
  }

  /**
   * Reads a header value; empty when it is absent or not a valid traceparent (which the spec says
   * to ignore).
   */
  public static Optional<Traceparent> parse(@Nullable String header) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher matcher = HEADER.matcher(header.strip());
    // Version 00 has exactly four fields; later versions may append more, which readers must skip.
    if (!matcher.matches()
        || matcher.group(1).equals(INVALID_VERSION)
        || (matcher.group(1).equals("00") && matcher.group(5) != null)) {
      return Optional.empty();
    }
    try {
      boolean sampled = (HexFormat.fromHexDigits(matcher.group(4)) & 1) == 1;
      return Optional.of(new Traceparent(matcher.group(2), matcher.group(3), sampled));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Starts a new, sampled trace. */
  public static Traceparent newTrace(RandomGenerator random) {
    return new Traceparent(randomHex(random, 16), randomHex(random, 8), true);
  }

  /** The same trace, with a new span as the parent of whatever receives the message next. */
  public Traceparent child(RandomGenerator random) {
    return new Traceparent(traceId, randomHex(random, 8), sampled);
  }

  public String header() {
    return "00-" + traceId + "-" + parentId + (sampled ? "-01" : "-00");
  }

  private static String randomHex(RandomGenerator random, int bytes) {
    byte[] value = new byte[bytes];
    do {
      random.nextBytes(value);
    } while (isAllZero(value));
    return HEX.formatHex(value);
  }

  private static boolean isAllZero(byte[] value) {
    for (byte b : value) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
