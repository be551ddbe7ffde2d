package io.ordo.orchestrator;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Ordo's settings, under {@code ordo.*}.
 *
 * @param kafka where Kafka is; empty bootstrap servers start an in-process broker
 * @param embedded where the in-process PostgreSQL and Kafka keep their data
 * @param examples whether the example workers run in-process and the example workflows deploy
 * @param instanceId this orchestrator's stable name among the others (default: host and port); it
 *     is its Kafka static group membership, so a restart takes its partitions back at once
 */
@ConfigurationProperties("ordo")
public record OrdoProperties(
    @DefaultValue Kafka kafka,
    @DefaultValue Embedded embedded,
    @DefaultValue Examples examples,
    @DefaultValue Api api,
    @DefaultValue Relay relay,
    @DefaultValue Timers timers,
    @DefaultValue Engine engine,
    @DefaultValue Health health,
    @Nullable String instanceId) {

  /**
   * @param resultConsumers consumers of the results topic in this instance, each with its share of
   *     the partitions
   * @param sessionTimeout how long Kafka waits for a silent member (a crashed one that does not
   *     come back) before giving its partitions to the others
   */
  public record Kafka(
      @Nullable String bootstrapServers,
      @DefaultValue("ordo.fn.") String functionTopicPrefix,
      @DefaultValue("ordo.results") String resultsTopic,
      @DefaultValue("ordo.dead-letter") String deadLetterTopic,
      @DefaultValue("ordo.runs") String runsTopic,
      @DefaultValue("ordo-orchestrator") String consumerGroup,
      @DefaultValue("8") int partitions,
      @DefaultValue("1") short replicationFactor,
      @DefaultValue("10s") Duration sessionTimeout,
      @DefaultValue("2") int resultConsumers) {}

  public record Embedded(
      Path dataDirectory,
      @DefaultValue("0") int postgresPort,
      @DefaultValue("9092") int kafkaPort) {}

  public record Examples(
      @DefaultValue("true") boolean workers,
      @DefaultValue("true") boolean workflows,
      @DefaultValue("16") int workerConcurrency,
      @Nullable String workerGroup) {}

  /**
   * @param maxPayloadBytes the largest run input or signal payload accepted
   */
  public record Api(@DefaultValue("1048576") int maxPayloadBytes) {}

  /**
   * @param batchSize messages read from the outbox at once
   * @param maxInFlight messages sent and not yet acknowledged, at most
   * @param idlePoll how often a relay with nothing to do looks for messages others wrote
   */
  public record Relay(
      @DefaultValue("500") int batchSize,
      @DefaultValue("10000") int maxInFlight,
      @DefaultValue("1s") Duration idlePoll) {}

  /**
   * @param batchSize due runs a sweep takes at once
   * @param poll the longest a sweep waits when this instance set no earlier timer (timers other
   *     instances set are found by it)
   * @param idlePoll how often result watermarks are published and read
   */
  public record Timers(
      @DefaultValue("200") int batchSize,
      @DefaultValue("1s") Duration poll,
      @DefaultValue("1s") Duration idlePoll) {}

  /**
   * @param writers threads applying batches of transitions
   * @param batchSize pieces of work in one transaction, at most
   * @param queueCapacity work waiting for a writer before REST requests are refused with 503
   * @param requestTimeout how long a REST request waits for its commit before a 503
   * @param cachedSteps step executions of recently moved runs kept in memory
   */
  public record Engine(
      @DefaultValue("2") int writers,
      @DefaultValue("500") int batchSize,
      @DefaultValue("10000") int queueCapacity,
      @DefaultValue("10s") Duration requestTimeout,
      @DefaultValue("200000") long cachedSteps) {}

  /**
   * @param interval how often PostgreSQL and Kafka are probed for readiness and health
   * @param timeout how long one probe may take before its dependency counts as down
   */
  public record Health(
      @DefaultValue("1s") Duration interval, @DefaultValue("2s") Duration timeout) {}
}
