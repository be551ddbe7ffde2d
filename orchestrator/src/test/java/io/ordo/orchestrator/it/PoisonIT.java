package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Poison drills: one run's bad data — a state that no longer reads, data PostgreSQL refuses, a
 * worker output PostgreSQL cannot store — leaves that run with an incident (or a typed failure) and
 * slows or stops no other run. Data PostgreSQL refuses is injected with a trigger, the way a
 * constraint or limit would refuse it.
 */
class PoisonIT extends OrdoIT {

  private static final String ECHO =
      """
      name: %s
      steps:
        - id: first
          function: demo.echo
          input: {n: 1}
        - id: %s
          function: demo.echo
          input: {n: 2}
        - id: third
          function: demo.echo
          input: {n: 3}
      """;

  @AfterEach
  void dropTrigger() throws SQLException {
    sql("drop trigger if exists refuse_poison on run_steps");
    sql("drop function if exists refuse_poison()");
  }

  @Test
  void aWorkerOutputPostgresCannotStoreFailsItsStepWithATypedFailureAndNothingElse() {
    deploy(
        """
        name: poison-nul
        steps:
          - id: speak
            function: test.nul-output
        """);
    String runId = api.startRun("poison-nul", "{}");

    JsonNode run = awaitStatus(runId, "FAILED");

    JsonNode error = step(run, "speak").get("attempts").get(0).get("error");
    assertThat(error.get("type").asString()).isEqualTo("InvalidOutput");
    assertThat(error.get("message").asString()).contains("U+0000 at $.text");
    assertThat(api.get("/runs/" + runId + "/incidents").body()).isEmpty();
  }

  @Test
  void aRunWhoseDataPostgresRefusesGetsAnIncidentWhileTheOthersCompleteAtTheirNormalPace()
      throws Exception {
    deploy(ECHO.formatted("poison-ordinary", "second"));
    deploy(ECHO.formatted("poison-refused", "refused"));
    double clean = p50("poison-ordinary", 40);

    sql(
        """
        create function refuse_poison() returns trigger language plpgsql as $$
        begin
          if new.step_id = 'refused' then
            raise exception 'refused by the drill' using errcode = '22000';
          end if;
          return new;
        end $$""");
    sql(
        """
        create trigger refuse_poison before insert or update on run_steps
        for each row execute function refuse_poison()""");
    AtomicBoolean poisoning = new AtomicBoolean(true);
    List<String> poisoned = new ArrayList<>();
    ExecutorService poisoner = Executors.newSingleThreadExecutor();
    Future<?> feeding =
        poisoner.submit(
            () -> {
              while (poisoning.get()) {
                synchronized (poisoned) {
                  poisoned.add(new OrdoApi(port).startRun("poison-refused", "{}"));
                }
                Thread.sleep(50);
              }
              return null;
            });
    double poisonedP50;
    try {
      poisonedP50 = p50("poison-ordinary", 40);
    } finally {
      poisoning.set(false);
      feeding.get();
      poisoner.shutdown();
    }
    System.out.printf(
        "ordinary runs, p50 start to end: %.1f ms clean, %.1f ms beside %d poisoned runs%n",
        clean, poisonedP50, poisoned.size());
    assertThat(poisonedP50).isLessThanOrEqualTo(Math.max(2 * clean, clean + 50));

    String first = poisoned.getFirst();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !api.get("/runs/" + first + "/incidents").body().isEmpty());
    JsonNode incident = api.get("/runs/" + first + "/incidents").body().get(0);
    assertThat(incident.get("kind").asString()).isEqualTo("CANNOT_SAVE");
    assertThat(incident.get("error").asString()).contains("refused by the drill");
    assertThat(incident.get("events").asInt()).isPositive();
    assertThat(api.status(first)).isEqualTo("RUNNING");
    assertThat(events(first).valueStream().map(e -> e.get("type").asString()).toList())
        .contains("IncidentOpened");

    dropTrigger();
    JsonNode retried =
        api.post("/runs/" + first + "/incidents/" + incident.get("id").asLong() + "/retry").body();
    assertThat(retried.get("resolvedAt")).isNotNull();
    awaitStatus(first, "COMPLETED");
  }

  @Test
  void aRunWhoseStateNoLongerReadsGetsAnIncidentAndIsRetriedOnceRepaired() throws Exception {
    deploy(
        """
        name: poison-unreadable
        steps:
          - id: nap
            function: demo.sleep
            input: {millis: 1500}
          - id: after
            function: demo.echo
        """);
    String broken = api.startRun("poison-unreadable", "{}");
    String healthy = api.startRun("poison-unreadable", "{}");
    awaitStep(broken, "nap", "ACTIVE");
    sql(
        "update runs set state = jsonb_set(state, '{status}', '\"NO_SUCH_STATUS\"'), version ="
            + " version + 1 where run_id = '"
            + broken
            + "'");

    awaitStatus(healthy, "COMPLETED");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !api.get("/runs/" + broken + "/incidents").body().isEmpty());
    JsonNode incident = api.get("/runs/" + broken + "/incidents").body().get(0);
    assertThat(incident.get("kind").asString()).isEqualTo("CANNOT_LOAD");
    assertThat(api.get("/incidents").body().valueStream().map(i -> i.get("runId").asString()))
        .contains(broken);

    sql(
        "update runs set state = jsonb_set(state, '{status}', '\"RUNNING\"') where run_id = '"
            + broken
            + "'");
    api.post("/runs/" + broken + "/incidents/" + incident.get("id").asLong() + "/retry");
    JsonNode run = awaitStatus(broken, "COMPLETED");
    assertThat(step(run, "nap").get("attempts")).hasSize(1);
  }

  /** The median start-to-end time of {@code runs} runs started one after another. */
  private double p50(String workflow, int runs) {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long started = System.nanoTime();
      String runId = api.startRun(workflow, "{}");
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(2))
          .until(() -> api.status(runId), "COMPLETED"::equals);
      millis.add((System.nanoTime() - started) / 1_000_000);
    }
    millis.sort(null);
    return millis.get(millis.size() / 2);
  }

  private static void sql(String statement) throws SQLException {
    TestInfrastructure.Endpoints db = TestInfrastructure.get();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
