package io.ordo.orchestrator.kafka;

import java.util.Map;

/**
 * Where Kafka is: the configured cluster, or the in-process broker; {@code clientProperties} are
 * extra settings for every client Ordo makes (security: TLS, SASL).
 */
public record KafkaEndpoint(String bootstrapServers, Map<String, Object> clientProperties) {

  public KafkaEndpoint {
    clientProperties = Map.copyOf(clientProperties);
  }

  public KafkaEndpoint(String bootstrapServers) {
    this(bootstrapServers, Map.of());
  }
}
