package io.ordo.orchestrator.kafka;

import io.ordo.orchestrator.OrdoProperties;
import io.ordo.orchestrator.service.BackgroundLoop;
import io.ordo.orchestrator.service.InstanceIdentity;
import io.ordo.orchestrator.service.ResultWatermark;
import io.ordo.orchestrator.service.TransitionQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This instance's consumers of the results topic, each on a thread of its own with its share of the
 * partitions, so results are read and handed on in parallel where the partitions allow. Each is a
 * static member of the orchestrators' group: {@code <instance id>-results-<n>}.
 */
@Component
public class KafkaResultConsumers implements SmartLifecycle {

  private static final Duration PAUSE_AFTER_ERROR = Duration.ofSeconds(1);

  private final List<KafkaResultConsumer> consumers = new ArrayList<>();
  private final List<BackgroundLoop> loops = new ArrayList<>();
  private final ResultWatermark watermark;
  private final List<ResultWatermark.Mark> marks = new ArrayList<>();
  private volatile boolean running;

  public KafkaResultConsumers(
      KafkaEndpoint endpoint,
      OrdoProperties properties,
      InstanceIdentity instance,
      TransitionQueue queue,
      ResultMessages messages,
      KafkaDeadLetters deadLetters,
      KafkaOutboxRelay relay,
      ResultWatermark watermark,
      Clock clock,
      KafkaTopics topics) {
    this.watermark = watermark;
    OrdoProperties.Kafka kafka = properties.kafka();
    for (int i = 0; i < kafka.resultConsumers(); i++) {
      String member = instance.id() + "-results-" + i;
      ResultWatermark.Mark mark = watermark.register();
      marks.add(mark);
      var consumer =
          KafkaClients.consumer(
              endpoint,
              kafka.consumerGroup(),
              member,
              (int) kafka.sessionTimeout().toMillis(),
              Map.of(
                  ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                  500,
                  ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                  (int) KafkaResultConsumer.IDLE_POLL.toMillis()));
      KafkaResultConsumer results =
          new KafkaResultConsumer(
              consumer, kafka.resultsTopic(), queue, messages, deadLetters, relay, mark, clock);
      consumers.add(results);
      loops.add(
          new BackgroundLoop(
              "ordo-results-" + i, results::pollOnce, PAUSE_AFTER_ERROR, results::wakeup));
    }
  }

  @Override
  public void start() {
    loops.forEach(BackgroundLoop::start);
    running = true;
  }

  @Override
  public void stop() {
    loops.forEach(BackgroundLoop::stop);
    consumers.forEach(KafkaResultConsumer::close);
    marks.forEach(watermark::unregister);
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
