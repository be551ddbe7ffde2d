package io.ordo.orchestrator.it;

import io.ordo.examples.ExampleFunctions;
import io.ordo.worker.OrdoWorker;
import io.ordo.worker.StepHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * The example functions as a careful team would run them: each side effect is done once per
 * idempotency key, as the docs ask (a second delivery, or a retry, gets the first outcome back). It
 * keeps a ledger of what it did, so a drill can check the business outcome: how often each side
 * effect happened, and how many keys one step was given.
 */
final class LedgerWorker implements AutoCloseable {

  /** What one idempotency key did. */
  record Entry(String function, String runId, String stepId, JsonNode output) {}

  private final Map<String, Entry> done = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> keysByStep = new ConcurrentHashMap<>();
  private final OrdoWorker worker;

  LedgerWorker(String bootstrapServers, String instanceId, Map<String, Object> kafka) {
    OrdoWorker.Builder builder =
        OrdoWorker.builder(bootstrapServers).workerId(instanceId).concurrency(16);
    kafka.forEach(builder::kafkaProperty);
    ExampleFunctions.all()
        .forEach((function, handler) -> builder.handler(function, once(function, handler)));
    this.worker = builder.build();
  }

  LedgerWorker start() {
    worker.start();
    return this;
  }

  private StepHandler once(String function, StepHandler handler) {
    return ctx -> {
      String key = ctx.idempotencyKey();
      deliveries.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      keysByStep
          .computeIfAbsent(ctx.runId() + " " + ctx.stepId(), s -> ConcurrentHashMap.newKeySet())
          .add(key);
      Entry earlier = done.get(key);
      if (earlier != null) {
        return earlier.output(); // done before: the same outcome, no second side effect
      }
      JsonNode output = handler.handle(ctx); // a business failure throws: nothing was done
      done.putIfAbsent(key, new Entry(function, ctx.runId(), ctx.stepId(), output));
      return output;
    };
  }

  /** How many side effects of {@code function} were done for the run. */
  long sideEffects(String runId, String function) {
    return done.values().stream()
        .filter(e -> e.runId().equals(runId) && e.function().equals(function))
        .count();
  }

  /** Steps that were given more than one idempotency key (a retry that would do it again). */
  List<String> stepsWithSeveralKeys() {
    List<String> several = new ArrayList<>();
    keysByStep.forEach(
        (step, keys) -> {
          if (keys.size() > 1) {
            several.add(step + " " + keys);
          }
        });
    return several;
  }

  /** Deliveries beyond the first, across all keys: what idempotency saved. */
  int redeliveries() {
    return deliveries.values().stream().mapToInt(a -> a.get() - 1).sum();
  }

  @Override
  public void close() {
    worker.close();
  }
}
