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
 */
@ConfigurationProperties("ordo")
public record OrdoProperties(
    @DefaultValue Kafka kafka,
    @DefaultValue Embedded embedded,
    @DefaultValue Examples examples,
    @DefaultValue Api api,
    @DefaultValue Relay relay,
    @DefaultValue Timers timers) {

  public record Kafka(
      @Nullable String bootstrapServers,
      @DefaultValue("ordo.fn.") String functionTopicPrefix,
      @DefaultValue("ordo.results") String resultsTopic,
      @DefaultValue("ordo.dead-letter") String deadLetterTopic,
      @DefaultValue("ordo.runs") String runsTopic,
      @DefaultValue("ordo-orchestrator") String consumerGroup,
      @DefaultValue("8") int partitions,
      @DefaultValue("1") short replicationFactor,
      @DefaultValue("10s") Duration sessionTimeout) {}

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

  public record Relay(
      @DefaultValue("500") int batchSize, @DefaultValue("50ms") Duration idlePoll) {}

  public record Timers(@DefaultValue("200") int batchSize, @DefaultValue("100ms") Duration poll) {}
}
