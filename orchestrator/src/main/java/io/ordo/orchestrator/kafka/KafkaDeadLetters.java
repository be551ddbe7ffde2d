package io.ordo.orchestrator.kafka;

import io.ordo.orchestrator.OrdoProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Parks a message Ordo cannot use on the dead-letter topic, unchanged, with headers saying why and
 * where it came from, so the consumer goes on and nothing is silently dropped.
 */
@Component
public class KafkaDeadLetters implements AutoCloseable {

  public static final String REASON = "ordo.dead-letter.reason";
  public static final String SOURCE = "ordo.dead-letter.source";

  private static final Logger log = LoggerFactory.getLogger(KafkaDeadLetters.class);

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;

  public KafkaDeadLetters(KafkaEndpoint endpoint, OrdoProperties properties) {
    this.topic = properties.kafka().deadLetterTopic();
    this.producer =
        KafkaClients.producer(
            endpoint, "ordo-dead-letters", new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * Sends the record to the dead-letter topic; the future completes once Kafka has it. The offset
   * of the record must not be committed before then, or it would be lost.
   */
  public CompletableFuture<Void> park(ConsumerRecord<byte[], byte[]> source, String reason) {
    log.warn(
        "dead-lettering {}-{}@{}: {}", source.topic(), source.partition(), source.offset(), reason);
    var record = new ProducerRecord<>(topic, source.key(), source.value());
    record.headers().add(REASON, reason.getBytes(StandardCharsets.UTF_8));
    String from = source.topic() + "-" + source.partition() + "@" + source.offset();
    record.headers().add(SOURCE, from.getBytes(StandardCharsets.UTF_8));
    CompletableFuture<Void> parked = new CompletableFuture<>();
    try {
      producer.send(
          record,
          (metadata, error) -> {
            if (error == null) {
              parked.complete(null);
            } else {
              parked.completeExceptionally(
                  new IllegalStateException(
                      "could not write to the dead-letter topic " + topic, error));
            }
          });
    } catch (RuntimeException e) {
      parked.completeExceptionally(e);
    }
    return parked;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
