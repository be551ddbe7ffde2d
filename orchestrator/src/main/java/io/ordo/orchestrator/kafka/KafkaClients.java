package io.ordo.orchestrator.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;

/** The one way Ordo's own Kafka clients are configured. */
final class KafkaClients {

  private KafkaClients() {}

  /**
   * A durable producer: every replica acknowledges; one request in flight, because KAFKA-15591 can
   * drop an idempotent producer's first batches to a new topic when several are in flight (seen
   * here under load) — a request carries every batch that piled up meanwhile, so this costs little.
   * Delivery keeps trying through a broker outage (up to {@code delivery.timeout.ms}, ten minutes)
   * rather than failing messages whose order would then be lost, and a send never blocks the relay
   * for long waiting for metadata.
   */
  static <K> KafkaProducer<K, byte[]> producer(
      KafkaEndpoint endpoint, String clientId, Serializer<K> keys, Serializer<byte[]> values) {
    Map<String, Object> config = new HashMap<>(endpoint.clientProperties());
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    return new KafkaProducer<>(config, keys, values);
  }

  /**
   * A consumer with static group membership: {@code instanceId} stays the same across restarts, so
   * a restarted orchestrator gets its partitions back at once instead of waiting for its old
   * session to expire. Offsets are committed by hand, after what was read is applied.
   */
  static KafkaConsumer<byte[], byte[]> consumer(
      KafkaEndpoint endpoint,
      String group,
      String instanceId,
      int sessionTimeoutMs,
      Map<String, Object> more) {
    Map<String, Object> config = new HashMap<>(endpoint.clientProperties());
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, instanceId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeoutMs);
    config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(sessionTimeoutMs / 10, 500));
    config.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    config.putAll(more);
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
