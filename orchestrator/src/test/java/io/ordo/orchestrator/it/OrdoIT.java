package io.ordo.orchestrator.it;

import static org.awaitility.Awaitility.await;

import io.ordo.worker.OrdoWorker;
import io.ordo.worker.StepFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A whole Ordo (REST, engine, PostgreSQL, Kafka, the example workers) for integration tests, plus
 * test functions whose behaviour depends on the attempt, for timeouts and operator retries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class OrdoIT {

  private static OrdoWorker testWorker;

  @LocalServerPort int port;

  protected OrdoApi api;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.Endpoints endpoints = TestInfrastructure.get();
    registry.add("spring.datasource.url", endpoints::jdbcUrl);
    registry.add("spring.datasource.username", endpoints::username);
    registry.add("spring.datasource.password", endpoints::password);
    registry.add("ordo.kafka.bootstrap-servers", endpoints::kafka);
    registry.add("server.shutdown", () -> "immediate");
  }

  @BeforeEach
  void connect() {
    api = new OrdoApi(port);
    startTestWorker();
  }

  private static synchronized void startTestWorker() {
    if (testWorker != null) {
      return;
    }
    testWorker =
        OrdoWorker.builder(TestInfrastructure.get().kafka())
            .workerId("test-worker")
            .concurrency(16)
            .handler(
                "test.slow-first",
                ctx -> {
                  if (ctx.attempt() == 1) {
                    Thread.sleep(ctx.input().path("millis").asLong(3_000));
                  }
                  return ctx.input();
                })
            .handler(
                "test.fail-first",
                ctx -> {
                  if (ATTEMPTS
                          .computeIfAbsent(ctx.runId(), id -> new AtomicInteger())
                          .incrementAndGet()
                      == 1) {
                    throw StepFailure.nonRetryable(
                        "NotYet", "fails the first time it runs for a run");
                  }
                  return ctx.input();
                })
            .handler(
                "test.nul-output",
                ctx -> JsonNodeFactory.instance.objectNode().put("text", "a\u0000b"))
            .handler(
                "test.sleep",
                ctx -> {
                  Thread.sleep(ctx.input().path("millis").asLong(60_000));
                  return ctx.input();
                })
            .build();
    testWorker.start();
  }

  private static final ConcurrentHashMap<String, AtomicInteger> ATTEMPTS =
      new ConcurrentHashMap<>();

  protected JsonNode awaitStatus(String runId, String status) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> api.status(runId), s -> s.equals(status));
    return api.run(runId);
  }

  /** Deploys a workflow, failing the test with Ordo's errors when the YAML is not valid. */
  protected void deploy(String yaml) {
    OrdoApi.Response response = api.deploy(yaml);
    if (response.status() != 200 && response.status() != 201) {
      throw new AssertionError("deploy failed: " + response.body().toPrettyString());
    }
  }

  /** Waits until the run has the step in the status, and returns the run. */
  protected JsonNode awaitStep(String runId, String stepId, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> api.run(runId),
            run ->
                run.get("steps")
                    .valueStream()
                    .anyMatch(
                        s ->
                            s.get("stepId").asString().equals(stepId)
                                && s.get("status").asString().equals(status)));
    return api.run(runId);
  }

  /** The child runs of {@code runId}, newest first, once there are {@code count} of them. */
  protected JsonNode childrenOf(String runId, int count) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> api.get("/runs?parent=" + runId).body().get("runs").size() >= count);
    return api.get("/runs?parent=" + runId).body().get("runs");
  }

  /** The run's history, oldest first. */
  protected JsonNode events(String runId) {
    return api.get("/runs/" + runId + "/events").body();
  }

  protected static List<String> stepIds(JsonNode run) {
    return run.get("steps").valueStream().map(s -> s.get("stepId").asString()).toList();
  }

  protected static JsonNode step(JsonNode run, String stepId) {
    for (JsonNode step : run.get("steps")) {
      if (step.get("stepId").asString().equals(stepId)) {
        return step;
      }
    }
    throw new AssertionError("run has no step " + stepId + ": " + run);
  }

  protected static String order(String orderId, double amount, String email, String sku) {
    return """
        {"orderId": "%s", "amount": %s, "email": "%s", "items": [{"sku": "%s", "qty": 1}]}"""
        .formatted(orderId, amount, email, sku);
  }
}
