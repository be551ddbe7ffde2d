package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Readiness holds PostgreSQL and Kafka, probed in the background; liveness holds neither, so an
 * outage takes an instance out of traffic without getting it restarted. (The drills measure how
 * fast readiness follows an outage: BrokerOutageDrillIT, PostgresRestartDrillIT.)
 */
class HealthIT extends OrdoIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void readinessHoldsPostgresAndKafkaWithTheirLatestProbe() throws Exception {
    JsonNode readiness = health("/actuator/health/readiness");

    assertThat(readiness.path("status").asString()).isEqualTo("UP");
    assertThat(readiness.path("components").propertyNames())
        .containsExactlyInAnyOrder("readinessState", "postgres", "kafka");
    assertThat(readiness.at("/components/postgres/details/checkMillis").isNumber()).isTrue();
    assertThat(readiness.at("/components/kafka/details/brokers").asInt()).isPositive();
  }

  @Test
  void livenessHoldsNoDependency() throws Exception {
    JsonNode liveness = health("/actuator/health/liveness");

    assertThat(liveness.path("status").asString()).isEqualTo("UP");
    assertThat(liveness.path("components").propertyNames()).containsExactly("livenessState");
  }

  @Test
  void theWholeHealthShowsBothDependenciesAndNotThePoolsOwnCheck() throws Exception {
    JsonNode health = health("/actuator/health");

    assertThat(health.path("status").asString()).isEqualTo("UP");
    assertThat(health.path("components").propertyNames())
        .contains("postgres", "kafka")
        .doesNotContain("db");
  }

  private JsonNode health(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
