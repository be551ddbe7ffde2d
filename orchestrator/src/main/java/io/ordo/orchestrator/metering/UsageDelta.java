package io.ordo.orchestrator.metering;

import java.util.Map;
import java.util.TreeMap;

/**
 * How one function's usage changed: counters to add, and attempt durations by bucket. Bucket {@code
 * b} holds durations in [2^(b-1), 2^b) milliseconds (bucket 0: under 1 ms), as a Prometheus
 * histogram would, so percentiles are exact to a factor of two and cheap to add up.
 */
public final class UsageDelta {

  long invocations;
  long completed;
  long failures;
  long retries;
  long inFlight;
  long computeMillis;
  final Map<Integer, Long> durationBuckets = new TreeMap<>();

  /** A delta read back from storage. */
  public static UsageDelta of(
      long invocations,
      long completed,
      long failures,
      long retries,
      long inFlight,
      long computeMillis,
      Map<Integer, Long> durationBuckets) {
    UsageDelta delta = new UsageDelta();
    delta.invocations = invocations;
    delta.completed = completed;
    delta.failures = failures;
    delta.retries = retries;
    delta.inFlight = inFlight;
    delta.computeMillis = computeMillis;
    delta.durationBuckets.putAll(durationBuckets);
    return delta;
  }

  public long invocations() {
    return invocations;
  }

  public long completed() {
    return completed;
  }

  public long failures() {
    return failures;
  }

  public long retries() {
    return retries;
  }

  public long inFlight() {
    return inFlight;
  }

  public long computeMillis() {
    return computeMillis;
  }

  public Map<Integer, Long> durationBuckets() {
    return durationBuckets;
  }

  /** Adds another delta of the same function into this one. */
  public void add(UsageDelta other) {
    invocations += other.invocations;
    completed += other.completed;
    failures += other.failures;
    retries += other.retries;
    inFlight += other.inFlight;
    computeMillis += other.computeMillis;
    other.durationBuckets.forEach(
        (bucket, count) -> durationBuckets.merge(bucket, count, Long::sum));
  }

  void duration(long millis) {
    computeMillis += millis;
    durationBuckets.merge(bucketOf(millis), 1L, Long::sum);
  }

  public static int bucketOf(long millis) {
    return millis <= 0 ? 0 : 64 - Long.numberOfLeadingZeros(millis);
  }

  /** The largest duration a bucket holds, in milliseconds: what a percentile in it reports. */
  public static double upperBoundOf(int bucket) {
    return bucket == 0 ? 1 : Math.pow(2, bucket);
  }
}
