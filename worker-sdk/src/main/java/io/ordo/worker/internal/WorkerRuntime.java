package io.ordo.worker.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Kafka clients, threads and loops of a started worker, and their orderly shutdown. */
public final class WorkerRuntime {

  private static final Logger log = LoggerFactory.getLogger(WorkerRuntime.class);
  private static final Duration CLOSE_MARGIN = Duration.ofSeconds(10);

  private final WorkerSettings settings;
  private final ResultPublisher publisher;
  private final ExecutorService handlerPool;
  private final ScheduledExecutorService notices =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("ordo-worker-notices").daemon().factory());
  private final List<DispatchLoop> loops = new ArrayList<>();

  private WorkerRuntime(WorkerSettings settings) {
    this.settings = settings;
    this.publisher =
        new ResultPublisher(
            settings.resultsTopic(),
            new KafkaProducer<>(
                settings.producerConfig(), new StringSerializer(), new ByteArraySerializer()));
    this.handlerPool =
        Executors.newFixedThreadPool(
            settings.concurrency(), Thread.ofPlatform().name("ordo-worker-handler-", 1).factory());
  }

  public static WorkerRuntime start(WorkerSettings settings) {
    WorkerRuntime runtime = new WorkerRuntime(settings);
    StepExecution execution =
        new StepExecution(
            settings.workerId(),
            settings.clock(),
            runtime.publisher,
            runtime.notices,
            settings.startNoticeAfter());
    for (ConsumerGroupPlan group : settings.groups()) {
      var consumer =
          new KafkaConsumer<>(
              settings.consumerConfig(group),
              new StringDeserializer(),
              new ByteArrayDeserializer());
      DispatchLoop loop =
          new DispatchLoop(
              consumer,
              group,
              runtime.handlerPool,
              execution,
              runtime.publisher,
              settings.maxInFlightPerGroup(),
              settings.shutdownTimeout());
      runtime.loops.add(loop);
      Thread.ofPlatform().name("ordo-worker-poll-" + group.groupId()).start(loop);
    }
    log.info(
        "Worker {} started: functions {} in {} consumer group(s), {} handler threads",
        settings.workerId(),
        settings.handlers().keySet(),
        runtime.loops.size(),
        settings.concurrency());
    return runtime;
  }

  /**
   * Stops taking dispatches, lets running handlers finish and their results be acknowledged and
   * committed (up to the shutdown timeout), then closes the clients. A handler still running after
   * that is interrupted; its dispatch is delivered again.
   */
  public void close() {
    loops.forEach(DispatchLoop::stop);
    try {
      for (DispatchLoop loop : loops) {
        if (!loop.awaitFinished(settings.shutdownTimeout().plus(CLOSE_MARGIN))) {
          log.warn("A consumer of worker {} did not stop in time", settings.workerId());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    publisher.close(CLOSE_MARGIN);
    handlerPool.shutdownNow();
    notices.shutdownNow();
    log.info("Worker {} stopped", settings.workerId());
  }
}
