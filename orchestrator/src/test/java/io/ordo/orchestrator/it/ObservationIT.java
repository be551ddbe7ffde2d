package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ObservationIT extends OrdoIT {

  @Test
  void streamsARunAsItChangesUntilItComesToRest() throws Exception {
    String runId =
        api.startRun("order-fulfillment", order("o-400", 3, "flaky@example.com", "SKU-1"));

    HttpResponse<java.util.stream.Stream<String>> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://localhost:" + port + "/api/v1/runs/" + runId + "/stream"))
                    .timeout(Duration.ofSeconds(60))
                    .build(),
                HttpResponse.BodyHandlers.ofLines());
    List<JsonNode> events =
        response
            .body()
            .filter(line -> line.startsWith("data:"))
            .map(line -> JsonMapper.builder().build().readTree(line.substring(5)))
            .toList();

    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    assertThat(events.size()).isGreaterThan(1);
    assertThat(events.getLast().get("status").asString()).isEqualTo("COMPLETED");
  }

  @Test
  void metersEveryFunctionAndCountsRunsByStatus() {
    String runId =
        api.startRun("order-fulfillment", order("o-401", 3, "flaky@example.com", "SKU-1"));
    awaitStatus(runId, "COMPLETED");

    JsonNode email =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> function("email.send"), f -> f != null && f.get("retries").asLong() >= 1);
    JsonNode counts = api.get("/runs/counts?workflow=order-fulfillment").body();

    assertThat(email.get("invocations").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(email.get("failures").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(email.get("p99Millis").asDouble()).isGreaterThan(0);
    assertThat(counts.get("COMPLETED").asLong()).isGreaterThanOrEqualTo(1);
  }

  private JsonNode function(String name) {
    return api.get("/functions")
        .body()
        .valueStream()
        .filter(f -> f.get("function").asString().equals(name))
        .findFirst()
        .orElse(null);
  }

  @Test
  void publishesTheOpenApiDocumentTheDslSchemaAndPrometheusMetrics() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://localhost:" + port;

    HttpResponse<String> openApi =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> schema =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/schema/workflow.json")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> metrics =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(openApi.statusCode()).isEqualTo(200);
    assertThat(openApi.body()).contains("/api/v1/workflows/{name}/runs", "/api/v1/runs/{runId}");
    assertThat(schema.statusCode()).isEqualTo(200);
    assertThat(JsonMapper.builder().build().readTree(schema.body()).get("$schema").asString())
        .contains("2020-12");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("ordo_transitions_total");
  }
}
