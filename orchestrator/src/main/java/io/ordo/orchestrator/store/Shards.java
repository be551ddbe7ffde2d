package io.ordo.orchestrator.store;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;
import org.springframework.stereotype.Component;

/**
 * A run's shard: the partition of the results topic its results land in (Kafka's partitioner on the
 * run id key). A run's outbox rows carry it, and the orchestrator that consumes that partition
 * relays them, one shard at a time, so a run's messages leave in the order they were committed.
 */
@Component
public class Shards {

  private volatile int count = 1;

  /** Set once the results topic is known to have {@code partitions} partitions. */
  public void resize(int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("a topic has at least one partition, not " + partitions);
    }
    count = partitions;
  }

  public int count() {
    return count;
  }

  public int of(String runId) {
    return Utils.toPositive(Utils.murmur2(runId.getBytes(StandardCharsets.UTF_8))) % count;
  }
}
