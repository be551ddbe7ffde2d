package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordo.orchestrator.kafka.KafkaDeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ResultConsumerIT extends OrdoIT {

  @Test
  void parksUnreadableResultsOnTheDeadLetterTopicAndGoesOn() throws Exception {
    String kafka = TestInfrastructure.get().kafka();
    String marker = UUID.randomUUID().toString();
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>("ordo.results", marker, "this is not JSON")).get();
      producer
          .send(
              new ProducerRecord<>(
                  "ordo.results",
                  marker,
                  "{\"runId\": \""
                      + UUID.randomUUID()
                      + "\", \"stepId\": \"x\", \"attempt\": 1, \"status\": \"COMPLETED\"}"))
          .get();
    }

    String runId = api.startRun("order-fulfillment", order("o-300", 1, "eve@example.com", "SKU-1"));
    awaitStatus(runId, "COMPLETED");

    List<ConsumerRecord<String, String>> parked = deadLettersKeyed(kafka, marker);
    assertThat(parked).hasSize(2);
    assertThat(reason(parked.get(0))).contains("not a step result");
    assertThat(reason(parked.get(1))).contains("no run with id");
  }

  @Test
  void ignoresARedeliveredResultAndCountsIt() throws Exception {
    String runId = api.startRun("order-fulfillment", order("o-301", 1, "fay@example.com", "SKU-1"));
    JsonNode before = awaitStatus(runId, "COMPLETED");
    int historyBefore = api.get("/runs/" + runId + "/events").body().size();
    double ignoredBefore = ignoredDuplicates();

    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafka()),
            new StringSerializer(),
            new StringSerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  "ordo.results",
                  runId,
                  "{\"runId\": \"%s\", \"stepId\": \"validatePayment\", \"attempt\": 1, \"status\": \"COMPLETED\", \"output\": {\"paymentId\": \"other\"}}"
                      .formatted(runId)))
          .get();
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> ignoredDuplicates() > ignoredBefore);
    assertThat(api.run(runId)).isEqualTo(before);
    assertThat(api.get("/runs/" + runId + "/events").body().size()).isEqualTo(historyBefore);
  }

  private double ignoredDuplicates() throws Exception {
    String metrics =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/actuator/prometheus"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    return metrics
        .lines()
        .filter(l -> l.startsWith("ordo_events_ignored_total") && l.contains("DUPLICATE"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static String reason(ConsumerRecord<String, String> record) {
    return new String(
        record.headers().lastHeader(KafkaDeadLetters.REASON).value(), StandardCharsets.UTF_8);
  }

  private static List<ConsumerRecord<String, String>> deadLettersKeyed(String kafka, String key) {
    List<ConsumerRecord<String, String>> found = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka,
                ConsumerConfig.GROUP_ID_CONFIG,
                "dead-letter-reader-" + key,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of("ordo.dead-letter"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        r -> {
                          if (key.equals(r.key())) {
                            found.add(r);
                          }
                        });
                return found.size() >= 2;
              });
    }
    return found;
  }
}
