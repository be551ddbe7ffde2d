package io.ordo.orchestrator.kafka;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;

/** The one way Ordo's own producers are configured. */
final class KafkaClients {

  private KafkaClients() {}

  /**
   * A durable producer: every replica acknowledges, and one request in flight, because KAFKA-15591
   * can drop an idempotent producer's first batches to a new topic when several are in flight (seen
   * here under load).
   */
  static <K> KafkaProducer<K, byte[]> producer(
      KafkaEndpoint endpoint, String clientId, Serializer<K> keys, Serializer<byte[]> values) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            endpoint.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
            1,
            ProducerConfig.LINGER_MS_CONFIG,
            0,
            ProducerConfig.CLIENT_ID_CONFIG,
            clientId),
        keys,
        values);
  }
}
