package io.ordo.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One record in flight at a time, 1 KiB values, µs resolution. Two shapes:
 *
 * <ul>
 *   <li><b>hop</b> — what {@code ../shared/peers/kafka-rtt} measures: {@code send().get()} (the
 *       producer's ack), and a consumer assigned to the partition in another thread receives it
 *       (produce→consume);
 *   <li><b>echo</b> — what one workflow step costs on Kafka: a request is consumed by a group
 *       member that produces a reply, which a second group's member consumes (request→reply).
 * </ul>
 */
final class RoundTripProbe {

  /** Latencies in µs. */
  record Result(double ackP50, double ackP99, double tripP50, double tripP99) {}

  private static final int VALUE_BYTES = 1024;

  private RoundTripProbe() {}

  static Result hop(
      String bootstrap,
      Map<String, Object> producerConfig,
      Map<String, Object> consumerConfig,
      int warmup,
      int trips)
      throws Exception {
    String topic = "rtt-hop-" + UUID.randomUUID();
    createTopics(bootstrap, topic);
    TopicPartition partition = new TopicPartition(topic, 0);
    var received = new SynchronousQueue<Long>();
    try (var producer = producer(bootstrap, producerConfig);
        var consumer = consumer(bootstrap, consumerConfig, null)) {
      consumer.assign(List.of(partition));
      consumer.seekToEnd(List.of(partition));
      consumer.position(partition);
      try (var poller = new Poller(consumer, received)) {
        return measure(warmup, trips, received, s -> producer.send(record(topic, s)).get());
      }
    }
  }

  static Result echo(
      String bootstrap,
      Map<String, Object> producerConfig,
      Map<String, Object> consumerConfig,
      int warmup,
      int trips)
      throws Exception {
    String id = UUID.randomUUID().toString();
    String requests = "rtt-request-" + id;
    String replies = "rtt-reply-" + id;
    createTopics(bootstrap, requests, replies);
    var received = new SynchronousQueue<Long>();
    try (var producer = producer(bootstrap, producerConfig);
        var echoProducer = producer(bootstrap, producerConfig);
        var echoConsumer = consumer(bootstrap, consumerConfig, "rtt-echo-" + id);
        var replyConsumer = consumer(bootstrap, consumerConfig, "rtt-reply-" + id)) {
      echoConsumer.subscribe(List.of(requests));
      replyConsumer.subscribe(List.of(replies));
      var echoing = new AtomicBoolean(true);
      Thread echo =
          Thread.ofPlatform()
              .name("echo")
              .daemon()
              .start(
                  () -> {
                    try {
                      while (echoing.get()) {
                        for (var r : echoConsumer.poll(Duration.ofMillis(100))) {
                          echoProducer.send(new ProducerRecord<>(replies, r.key(), r.value()));
                        }
                      }
                    } catch (WakeupException | InterruptException stopping) {
                      // done
                    }
                  });
      try (var poller = new Poller(replyConsumer, received)) {
        return measure(warmup, trips, received, s -> producer.send(record(requests, s)).get());
      } finally {
        echoing.set(false);
        echoConsumer.wakeup();
        echo.join(5_000);
      }
    }
  }

  private interface Send {
    void send(long sentNanos) throws Exception;
  }

  private static Result measure(int warmup, int trips, SynchronousQueue<Long> received, Send send)
      throws Exception {
    long[] acks = new long[trips];
    long[] rtts = new long[trips];
    for (int i = -warmup; i < trips; i++) {
      long sent = System.nanoTime();
      send.send(sent);
      long ack = System.nanoTime() - sent;
      // the first trips of an echo wait for both groups to be assigned their partitions
      Long trip = received.poll(i < 0 ? 60 : 30, TimeUnit.SECONDS);
      if (trip == null) {
        throw new IllegalStateException("record " + i + " not received within 30 s");
      }
      if (i >= 0) {
        acks[i] = ack;
        rtts[i] = trip;
      }
    }
    return new Result(micros(acks, 50), micros(acks, 99), micros(rtts, 50), micros(rtts, 99));
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, long sentNanos) {
    byte[] value = new byte[VALUE_BYTES];
    ByteBuffer.wrap(value).putLong(sentNanos);
    return new ProducerRecord<>(topic, 0, "k".getBytes(), value);
  }

  /** Hands the age of each record it receives to the measuring thread. */
  private static final class Poller implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final AtomicBoolean polling = new AtomicBoolean(true);

    Poller(KafkaConsumer<byte[], byte[]> consumer, SynchronousQueue<Long> received) {
      this.consumer = consumer;
      this.thread =
          Thread.ofPlatform()
              .name("poller")
              .daemon()
              .start(
                  () -> {
                    try {
                      while (polling.get()) {
                        for (ConsumerRecord<byte[], byte[]> r :
                            consumer.poll(Duration.ofMillis(100))) {
                          long now = System.nanoTime();
                          received.put(now - ByteBuffer.wrap(r.value()).getLong());
                        }
                      }
                    } catch (InterruptedException | WakeupException | InterruptException e) {
                      // done
                    }
                  });
    }

    @Override
    public void close() throws InterruptedException {
      polling.set(false);
      consumer.wakeup();
      thread.join(5_000);
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(
      String bootstrap, Map<String, Object> config) {
    Map<String, Object> all = new HashMap<>(config);
    all.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return new KafkaProducer<>(all, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static KafkaConsumer<byte[], byte[]> consumer(
      String bootstrap, Map<String, Object> config, String group) {
    Map<String, Object> all = new HashMap<>(config);
    all.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    all.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    all.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    if (group != null) {
      all.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    return new KafkaConsumer<>(all, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static void createTopics(String bootstrap, String... names) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin
          .createTopics(Arrays.stream(names).map(n -> new NewTopic(n, 1, (short) 1)).toList())
          .all()
          .get(30, TimeUnit.SECONDS);
      admin.describeTopics(Set.of(names)).allTopicNames().get(30, TimeUnit.SECONDS);
    }
  }

  private static double micros(long[] nanos, double percentile) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e3;
  }
}
