package io.ordo.orchestrator.api;

import io.ordo.orchestrator.metering.UsageDelta;
import io.ordo.orchestrator.store.JdbcFunctionUsage;
import io.ordo.orchestrator.store.JdbcFunctionUsage.FunctionTotals;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Per-function metering: what Ordo would bill if it billed per execution. */
@RestController
@RequestMapping("/api/v1/functions")
public class FunctionController {

  /**
   * @param p50Millis upper bound of the histogram bucket the median falls in (exact to a factor of
   *     2)
   * @param computeSeconds the sum of attempt durations workers reported
   */
  public record FunctionUsageView(
      String function,
      long invocations,
      long completed,
      long failures,
      long retries,
      long inFlight,
      double p50Millis,
      double p99Millis,
      double computeSeconds) {}

  private final JdbcFunctionUsage usage;

  public FunctionController(JdbcFunctionUsage usage) {
    this.usage = usage;
  }

  @GetMapping
  public List<FunctionUsageView> list() {
    return usage.all().stream().map(FunctionController::view).toList();
  }

  private static FunctionUsageView view(FunctionTotals t) {
    return new FunctionUsageView(
        t.function(),
        t.invocations(),
        t.completed(),
        t.failures(),
        t.retries(),
        t.inFlight(),
        percentile(t.durationBuckets(), 0.5),
        percentile(t.durationBuckets(), 0.99),
        t.computeMillis() / 1000.0);
  }

  static double percentile(Map<Integer, Long> buckets, double p) {
    long total = buckets.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(p * total);
    long seen = 0;
    for (var bucket : buckets.entrySet()) {
      seen += bucket.getValue();
      if (seen >= rank) {
        return UsageDelta.upperBoundOf(bucket.getKey());
      }
    }
    return UsageDelta.upperBoundOf(buckets.keySet().stream().max(Integer::compare).orElse(0));
  }
}
