package io.ordo.orchestrator.kafka;

/** Where Kafka is: the configured cluster, or the in-process broker. */
public record KafkaEndpoint(String bootstrapServers) {}
