package io.ordo.orchestrator.kafka;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.ordo.orchestrator.OrdoProperties;
import io.ordo.orchestrator.service.OutboxSignal;
import io.ordo.orchestrator.store.JdbcOutboxStore;
import io.ordo.orchestrator.store.JdbcOutboxStore.OutboxMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends outbox rows to Kafka and deletes them once Kafka has acknowledged every one. A crash
 * between the two sends a message again (at-least-once); workers dedupe by idempotency key and the
 * engine ignores a result it already applied.
 */
@Component
public class KafkaOutboxRelay implements AutoCloseable {

  private final JdbcOutboxStore outbox;
  private final TransactionTemplate transactions;
  private final OutboxSignal signal;
  private final OrdoProperties.Relay settings;
  private final KafkaProducer<String, byte[]> producer;
  private final CircuitBreaker breaker = CircuitBreaker.ofDefaults("ordo-outbox-relay");

  public KafkaOutboxRelay(
      JdbcOutboxStore outbox,
      TransactionTemplate transactions,
      OutboxSignal signal,
      KafkaEndpoint endpoint,
      OrdoProperties properties) {
    this.outbox = outbox;
    this.transactions = transactions;
    this.signal = signal;
    this.settings = properties.relay();
    this.producer =
        KafkaClients.producer(
            endpoint, "ordo-outbox-relay", new StringSerializer(), new ByteArraySerializer());
  }

  /** Relays what is waiting, then waits to be woken (or for the idle poll) if that was all. */
  public void relay() throws Exception {
    int sent = breaker.executeCallable(this::relayBatch);
    if (sent < settings.batchSize()) {
      signal.await(settings.idlePoll());
    }
  }

  /** Sends one batch; returns how many messages went out. */
  public int relayBatch() {
    Integer sent =
        transactions.execute(
            status -> {
              List<OutboxMessage> batch = outbox.lockOldest(settings.batchSize());
              if (batch.isEmpty()) {
                return 0;
              }
              List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
              for (OutboxMessage message : batch) {
                acks.add(producer.send(record(message)));
              }
              for (Future<RecordMetadata> ack : acks) {
                awaitAck(ack);
              }
              outbox.delete(batch);
              return batch.size();
            });
    return sent == null ? 0 : sent;
  }

  private static ProducerRecord<String, byte[]> record(OutboxMessage message) {
    var record = new ProducerRecord<>(message.topic(), message.key(), message.payload());
    if (message.traceparent() != null) {
      record.headers().add("traceparent", message.traceparent().getBytes(StandardCharsets.UTF_8));
    }
    return record;
  }

  private static void awaitAck(Future<RecordMetadata> ack) {
    try {
      ack.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    } catch (Exception e) {
      throw new IllegalStateException("Kafka did not acknowledge an outbox message", e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
