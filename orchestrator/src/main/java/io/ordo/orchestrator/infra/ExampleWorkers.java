package io.ordo.orchestrator.infra;

import io.ordo.examples.ExampleFunctions;
import io.ordo.orchestrator.OrdoProperties;
import io.ordo.orchestrator.kafka.KafkaEndpoint;
import io.ordo.worker.OrdoWorker;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Runs the example e-commerce workers in this process, so the one-command start shows a run. */
@Component
@ConditionalOnProperty(name = "ordo.examples.workers", havingValue = "true", matchIfMissing = true)
class ExampleWorkers implements SmartLifecycle {

  private final OrdoWorker worker;
  private volatile boolean running;

  ExampleWorkers(KafkaEndpoint endpoint, OrdoProperties properties) {
    OrdoWorker.Builder builder =
        OrdoWorker.builder(endpoint.bootstrapServers())
            .topicPrefix(properties.kafka().functionTopicPrefix())
            .resultsTopic(properties.kafka().resultsTopic())
            .concurrency(properties.examples().workerConcurrency())
            .kafkaProperty(
                "session.timeout.ms", (int) properties.kafka().sessionTimeout().toMillis());
    if (properties.examples().workerGroup() != null) {
      builder.consumerGroup(properties.examples().workerGroup());
    }
    ExampleFunctions.registerAll(builder);
    this.worker = builder.build();
  }

  @Override
  public void start() {
    worker.start();
    running = true;
  }

  @Override
  public void stop() {
    worker.close();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
