package io.ordo.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Producer and consumer settings a round-trip probe runs with, over the probe's own. */
record ClientSettings(Map<String, Object> producer, Map<String, Object> consumer) {

  /** Ordo's producers ({@code KafkaClients}, the worker SDK's result producer). */
  static final Map<String, Object> ORDO_PRODUCER =
      Map.of(
          "acks",
          "all",
          "enable.idempotence",
          true,
          "max.in.flight.requests.per.connection",
          1,
          "linger.ms",
          0);

  /** By name ({@code -Dclients=}): Ordo's settings and one change at a time. */
  static final Map<String, ClientSettings> VARIANTS = new LinkedHashMap<>();

  static {
    VARIANTS.put("ordo", new ClientSettings(ORDO_PRODUCER, Map.of()));
    // what bench/KafkaRoundTrip (the order benchmark's baseline) sets
    VARIANTS.put("linger1", new ClientSettings(Map.of("acks", "all", "linger.ms", 1), Map.of()));
    VARIANTS.put("ordo-linger1", producer("linger.ms", 1));
    VARIANTS.put("ordo-acks1", producer("acks", "1", "enable.idempotence", false));
    VARIANTS.put("ordo-inflight5", producer("max.in.flight.requests.per.connection", 5));
    VARIANTS.put(
        "ordo-debugmetrics",
        new ClientSettings(
            with(ORDO_PRODUCER, "metrics.recording.level", "DEBUG"),
            Map.of("metrics.recording.level", "DEBUG")));
    // the worker SDK's dispatch consumers read committed
    VARIANTS.put(
        "ordo-readcommitted",
        new ClientSettings(ORDO_PRODUCER, Map.of("isolation.level", "read_committed")));
    VARIANTS.put(
        "ordo-fetchwait10", new ClientSettings(ORDO_PRODUCER, Map.of("fetch.max.wait.ms", 10)));
  }

  private static ClientSettings producer(Object... keyValues) {
    return new ClientSettings(with(ORDO_PRODUCER, keyValues), Map.of());
  }

  private static Map<String, Object> with(Map<String, Object> base, Object... keyValues) {
    Map<String, Object> all = new LinkedHashMap<>(base);
    for (int i = 0; i < keyValues.length; i += 2) {
      all.put((String) keyValues[i], keyValues[i + 1]);
    }
    return all;
  }
}
