package io.ordo.worker.internal;

import io.ordo.worker.StepHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything a worker was built with.
 *
 * @param consumerGroup one group for all functions, or null for a group per function
 * @param kafkaProperties extra client settings (security, timeouts…) applied to the consumers and
 *     the producer
 * @param instanceId a name for this worker that stays the same across its restarts, or null: each
 *     consumer becomes a static member of its group ({@code group.instance.id}), so a restarted
 *     worker gets its partitions back at once instead of after its old session expires
 * @param startNoticeAfter how long a handler runs before its attempt reports that it started
 */
public record WorkerSettings(
    String bootstrapServers,
    String workerId,
    String topicPrefix,
    String resultsTopic,
    int concurrency,
    Map<String, StepHandler> handlers,
    @Nullable String consumerGroup,
    Duration shutdownTimeout,
    Map<String, Object> kafkaProperties,
    Clock clock,
    @Nullable String instanceId,
    Duration startNoticeAfter) {

  public static final String GROUP_PREFIX = "ordo-worker-";

  public WorkerSettings {
    handlers = Map.copyOf(handlers);
    kafkaProperties = Map.copyOf(kafkaProperties);
  }

  /** The consumer groups to join: one per function unless a single group was chosen. */
  public List<ConsumerGroupPlan> groups() {
    if (consumerGroup != null) {
      return List.of(new ConsumerGroupPlan(consumerGroup, topicPrefix, handlers));
    }
    return handlers.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(
            entry ->
                new ConsumerGroupPlan(
                    GROUP_PREFIX + entry.getKey(),
                    topicPrefix,
                    Map.of(entry.getKey(), entry.getValue())))
        .toList();
  }

  /**
   * Records a consumer may hold without having finished them: enough to keep every handler thread
   * busy while the next poll happens, few enough that other workers of the group get the rest.
   */
  public int maxInFlightPerGroup() {
    return Math.max(4 * concurrency, 4);
  }

  Map<String, Object> consumerConfig(ConsumerGroupPlan group) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("bootstrap.servers", bootstrapServers);
    config.put("group.id", group.groupId());
    config.put("client.id", workerId + "-" + group.groupId());
    if (instanceId != null) {
      config.put("group.instance.id", instanceId + "-" + group.groupId());
    }
    // Offsets are committed by hand, only after the results of the records before them are
    // acknowledged.
    config.put("enable.auto.commit", false);
    // A function's group may first appear after the orchestrator already dispatched to it.
    config.put("auto.offset.reset", "earliest");
    config.put("max.poll.records", maxInFlightPerGroup());
    config.put("isolation.level", "read_committed");
    // Cooperative rebalancing moves only the partitions that change owner, instead of stopping
    // every consumer.
    config.put(
        "partition.assignment.strategy",
        "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
    config.putAll(kafkaProperties);
    return config;
  }

  Map<String, Object> producerConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("bootstrap.servers", bootstrapServers);
    config.put("client.id", workerId + "-results");
    config.put("acks", "all");
    config.put("enable.idempotence", true);
    // No linger: with one request in flight, results of concurrent handlers batch up behind it
    // anyway, and a lone result leaves at once (each step of a run waits for the one before).
    config.put("linger.ms", 0);
    // With more than one request in flight, the first produce to a newly created topic can fail
    // with
    // NOT_LEADER_OR_FOLLOWER while the next one succeeds; the broker then rejects every retry of
    // the first
    // as out of sequence until it expires (KAFKA-15591, not fixed in Kafka 4.2): results delayed by
    // minutes.
    config.put("max.in.flight.requests.per.connection", 1);
    config.putAll(kafkaProperties);
    return config;
  }
}
