package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kills orchestrators with SIGKILL while a few hundred runs are in flight, restarts them (one
 * instance, restarted twice) and lets another join (two at once at the end), and checks that every
 * run ends where it should with no result applied twice. Runs against a database and topics of its
 * own, apart from the other tests.
 */
class CrashRecoveryIT {

  private final List<OrchestratorProcess> processes = new ArrayList<>();
  private final Map<String, String> expectedByRun = new HashMap<>();
  private String jdbcUrl;

  @AfterEach
  void stopAll() throws InterruptedException {
    for (OrchestratorProcess p : processes) {
      p.kill();
    }
  }

  @Test
  void everyRunEndsInItsExpectedStateThroughRepeatedKills() throws Exception {
    List<String> settings = isolatedSettings();

    OrchestratorProcess first = launch("crash-1", "crash-a", settings);
    submit(first, 150);
    int inFlightAtFirstKill = countUnfinished();
    first.kill();

    OrchestratorProcess second = launch("crash-2", "crash-a", settings);
    submit(second, 150);
    int inFlightAtSecondKill = countUnfinished();
    second.kill();

    launch("crash-3", "crash-a", settings);
    launch("crash-4", "crash-b", settings);

    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> countUnfinished() == 0);
    System.out.printf(
        "killed orchestrators with %d and %d of 300 runs unfinished%n",
        inFlightAtFirstKill, inFlightAtSecondKill);
    assertThat(inFlightAtFirstKill + inFlightAtSecondKill)
        .as("runs in flight when killed")
        .isPositive();
    assertThat(statuses()).isEqualTo(expectedByRun);
    assertThat(resultsAppliedMoreThanOnce()).isEmpty();
    assertThat(attemptsPerStepOutsideRetries()).isEmpty();
  }

  /** Processes with the same {@code instance} are restarts of one orchestrator. */
  private OrchestratorProcess launch(String name, String instance, List<String> settings)
      throws InterruptedException {
    List<String> all = new ArrayList<>(settings);
    all.add("ordo.instance-id=" + instance);
    OrchestratorProcess process = OrchestratorProcess.start(name, all);
    processes.add(process);
    return process.awaitReady(Duration.ofSeconds(90));
  }

  private void submit(OrchestratorProcess process, int runs) {
    OrdoApi api = new OrdoApi(process.port);
    DrillOrders[] kinds = DrillOrders.values();
    for (int i = 0; i < runs; i++) {
      DrillOrders kind = kinds[i % kinds.length];
      String input = kind.input(UUID.randomUUID().toString());
      expectedByRun.put(api.startRun("order-fulfillment", input), kind.ends());
    }
  }

  private List<String> isolatedSettings() throws SQLException {
    DrillDatabase db = DrillDatabase.create("crash");
    jdbcUrl = db.jdbcUrl();
    List<String> settings = new ArrayList<>(db.settings());
    settings.addAll(DrillDatabase.isolatedKafka("crash"));
    settings.add("logging.level.root=WARN");
    return settings;
  }

  private int countUnfinished() throws SQLException {
    return queryInt("select count(*) from runs where status in ('RUNNING', 'COMPENSATING')");
  }

  private Map<String, String> statuses() throws SQLException {
    Map<String, String> statuses = new HashMap<>();
    query("select run_id, status from runs", rs -> statuses.put(rs.getString(1), rs.getString(2)));
    return statuses;
  }

  /** A result applied twice would show as two completions or failures of one attempt. */
  private List<String> resultsAppliedMoreThanOnce() throws SQLException {
    List<String> twice = new ArrayList<>();
    query(
        """
        select run_id, data->>'stepId', data->>'attempt', count(*) from run_events
        where type in ('StepCompleted', 'StepFailed', 'StepTimedOut')
        group by 1, 2, 3 having count(*) > 1""",
        rs -> twice.add(rs.getString(1) + " " + rs.getString(2) + "#" + rs.getString(3)));
    return twice;
  }

  /** Each attempt number of a step appears once in the run's state. */
  private List<String> attemptsPerStepOutsideRetries() throws SQLException {
    List<String> wrong = new ArrayList<>();
    query(
        """
        select run_id, step_id from run_steps
        where (select count(*) from jsonb_array_elements(data->'attempts'))
           <> (select count(distinct a->>'number') from jsonb_array_elements(data->'attempts') a)""",
        rs -> wrong.add(rs.getString(1) + " " + rs.getString(2)));
    return wrong;
  }

  private interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  private void query(String sql, Row row) throws SQLException {
    TestInfrastructure.Endpoints endpoints = TestInfrastructure.get();
    try (Connection c =
            DriverManager.getConnection(jdbcUrl, endpoints.username(), endpoints.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        row.read(rs);
      }
    }
  }

  private int queryInt(String sql) throws SQLException {
    int[] value = new int[1];
    query(sql, rs -> value[0] = rs.getInt(1));
    return value[0];
  }
}
