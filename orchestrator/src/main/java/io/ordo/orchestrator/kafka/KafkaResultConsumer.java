package io.ordo.orchestrator.kafka;

import io.ordo.orchestrator.OrdoProperties;
import io.ordo.orchestrator.service.RunProcessor;
import io.ordo.orchestrator.service.RunProcessor.Envelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.stereotype.Component;

/**
 * Applies worker results from {@code ordo.results}. Each poll is applied in one transaction, then
 * its offsets are committed; if the process dies in between, the redelivered results are ignored by
 * the engine as duplicates. Results that cannot be read or name no run are dead-lettered.
 */
@Component
public class KafkaResultConsumer implements AutoCloseable {

  private final RunProcessor processor;
  private final KafkaDeadLetters deadLetters;
  private final ResultMessages messages;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;

  public KafkaResultConsumer(
      RunProcessor processor,
      KafkaDeadLetters deadLetters,
      ResultMessages messages,
      KafkaEndpoint endpoint,
      OrdoProperties properties) {
    this.processor = processor;
    this.deadLetters = deadLetters;
    this.messages = messages;
    this.topic = properties.kafka().resultsTopic();
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoint.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                properties.kafka().consumerGroup(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                500,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                (int) properties.kafka().sessionTimeout().toMillis(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                (int) properties.kafka().sessionTimeout().toMillis() / 4),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
  }

  /** Applies one poll's results; returns at once when there are none for a moment. */
  public void pollOnce() {
    ConsumerRecords<byte[], byte[]> records;
    try {
      records = consumer.poll(Duration.ofMillis(200));
    } catch (WakeupException stopping) {
      return;
    }
    if (records.isEmpty()) {
      return;
    }
    try {
      apply(records);
      // Async: a lost commit only redelivers results the engine then ignores as duplicates.
      consumer.commitAsync();
    } catch (RuntimeException e) {
      rewind(records);
      throw e;
    }
  }

  private void apply(ConsumerRecords<byte[], byte[]> records) {
    List<Envelope> batch = new ArrayList<>(records.count());
    Map<Envelope, ConsumerRecord<byte[], byte[]>> origins = new IdentityHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      ResultMessages.Parsed parsed = messages.parse(record.value());
      switch (parsed) {
        case ResultMessages.Parsed.Event event -> {
          batch.add(event.envelope());
          origins.put(event.envelope(), record);
        }
        case ResultMessages.Parsed.Malformed malformed ->
            deadLetters.park(record, malformed.reason());
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    RunProcessor.Outcome outcome = processor.apply(batch);
    outcome
        .rejected()
        .forEach((envelope, reason) -> deadLetters.park(origins.get(envelope), reason));
  }

  /** Puts every partition of a failed poll back to its first record, to be applied again. */
  private void rewind(ConsumerRecords<byte[], byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      consumer.seek(partition, records.records(partition).getFirst().offset());
    }
  }

  /** Makes a poll in progress return at once, so the loop can stop. */
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
