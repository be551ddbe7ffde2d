package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three orchestrators share one database and one broker with no leader: orders started on any of
 * them all end as they should, and every instance applies transitions and relays messages (its
 * share of the results partitions, and the outbox shards that go with them).
 */
class ThreeInstancesIT {

  private final List<OrchestratorProcess> instances = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    for (OrchestratorProcess instance : instances) {
      instance.stop();
    }
  }

  @Test
  void threeOrchestratorsShareTheWorkAndEveryOrderEndsAsItShould() throws Exception {
    DrillDatabase db = DrillDatabase.create("three");
    List<String> settings = new ArrayList<>(db.settings());
    settings.addAll(DrillDatabase.isolatedKafka("three"));
    settings.add("logging.level.root=WARN");
    for (int i = 1; i <= 3; i++) {
      List<String> own = new ArrayList<>(settings);
      own.add("ordo.instance-id=three-" + i);
      instances.add(OrchestratorProcess.start("three-" + i, own));
    }
    for (OrchestratorProcess instance : instances) {
      instance.awaitReady(Duration.ofMinutes(2));
    }

    Map<String, String> expected = new HashMap<>();
    DrillOrders[] kinds = DrillOrders.values();
    for (int i = 0; i < 240; i++) {
      DrillOrders kind = kinds[i % kinds.length];
      OrdoApi api = new OrdoApi(instances.get(i % 3).port);
      expected.put(
          api.startRun("order-fulfillment", kind.input(UUID.randomUUID().toString())), kind.ends());
    }
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                statuses(db).values().stream()
                    .noneMatch(s -> s.equals("RUNNING") || s.equals("COMPENSATING")));

    assertThat(statuses(db)).isEqualTo(expected);
    for (OrchestratorProcess instance : instances) {
      String metrics = new OrdoApi(instance.port).raw("/actuator/prometheus");
      assertThat(counter(metrics, "ordo_transitions_total"))
          .as(instance.log + " transitions")
          .isPositive();
      assertThat(counter(metrics, "ordo_outbox_sent_total"))
          .as(instance.log + " relayed")
          .isPositive();
    }
  }

  private static double counter(String metrics, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+]+)$").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(2)) : 0;
  }

  private static Map<String, String> statuses(DrillDatabase db) throws Exception {
    Map<String, String> statuses = new HashMap<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select run_id, status from runs")) {
      while (rs.next()) {
        statuses.put(rs.getString(1), rs.getString(2));
      }
    }
    return statuses;
  }
}
