package io.ordo.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Baseline: a bare request/reply over Kafka — produce to a topic, an echo consumer produces to a
 * reply topic, the sender consumes the reply (linger.ms 0 and acks=all, as Ordo's producers). One
 * step of a workflow makes this trip once.
 */
final class KafkaRoundTrip implements AutoCloseable {

  record Result(double p50Millis, double perSecond) {}

  private final String bootstrap;
  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> replies;
  private final AtomicBoolean echoing = new AtomicBoolean(true);
  private final Thread echo;

  KafkaRoundTrip(String bootstrap) {
    this.bootstrap = bootstrap;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer());
    this.replies = consumer("pong-" + id);
    this.echo = Thread.ofPlatform().daemon().start(this::echoLoop);
  }

  private KafkaConsumer<String, String> consumer(String topic) {
    var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new StringDeserializer());
    consumer.subscribe(List.of("bench." + topic));
    return consumer;
  }

  private void echoLoop() {
    try (var requests = consumer("ping-" + id)) {
      while (echoing.get()) {
        requests
            .poll(Duration.ofMillis(50))
            .forEach(
                r -> producer.send(new ProducerRecord<>("bench.pong-" + id, r.key(), r.value())));
      }
    }
  }

  /** Sequential trips: the latency of one. */
  Result latency(int trips) {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < trips; i++) {
      long start = System.nanoTime();
      producer.send(new ProducerRecord<>("bench.ping-" + id, "k", "v" + i));
      awaitReplies(1);
      millis.add((System.nanoTime() - start) / 1e6);
    }
    return new Result(Stats.median(millis.subList(trips / 5, trips)), 0);
  }

  /** Pipelined trips: how many per second the broker and clients sustain. */
  Result throughput(int trips) {
    long start = System.nanoTime();
    for (int i = 0; i < trips; i++) {
      producer.send(new ProducerRecord<>("bench.ping-" + id, "k" + (i % 8), "v" + i));
    }
    awaitReplies(trips);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(0, trips / seconds);
  }

  private void awaitReplies(int count) {
    int seen = 0;
    while (seen < count) {
      seen += replies.poll(Duration.ofMillis(5)).count();
    }
  }

  @Override
  public void close() {
    echoing.set(false);
    try {
      echo.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    replies.close();
    producer.close();
  }
}
