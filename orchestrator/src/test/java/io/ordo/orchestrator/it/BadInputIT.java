package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.orchestrator.it.RawHttp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every bad input the API can be sent gets a 4xx problem+json saying what is wrong, and stores
 * nothing: one row per input, with the status it must get and words its detail must hold.
 */
class BadInputIT extends OrdoIT {

  private static final String WORKFLOW = "bad-input-target";
  private static final String START = "/api/v1/workflows/" + WORKFLOW + "/runs";
  private static final String SOME_RUN = "/api/v1/runs/" + UUID.randomUUID();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, String> AS_JSON = Map.of("Content-Type", "application/json");

  record Case(
      String name,
      String method,
      String target,
      Map<String, String> headers,
      String body,
      int status,
      String detailHolds) {

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> badInputs() {
    String deep = "[".repeat(1_200) + "]".repeat(1_200);
    return Stream.of(
        new Case(
            "JSON nested 1,200 deep as a run input",
            "POST",
            START,
            AS_JSON,
            "{\"a\": " + deep + "}",
            400,
            "nesting depth"),
        new Case(
            "JSON nested 1,200 deep as a signal payload",
            "POST",
            SOME_RUN + "/signals/approve",
            AS_JSON,
            deep,
            400,
            "nesting depth"),
        new Case(
            "U+0000 in a run input",
            "POST",
            START,
            AS_JSON,
            "{\"orderId\": \"a\\u0000b\"}",
            400,
            "$.orderId"),
        new Case(
            "U+0000 in a key of a run input",
            "POST",
            START,
            AS_JSON,
            "{\"a\\u0000\": 1}",
            400,
            "U+0000"),
        new Case(
            "U+0000 in a signal payload",
            "POST",
            SOME_RUN + "/signals/approve",
            AS_JSON,
            "{\"note\": [\"\\u0000\"]}",
            400,
            "$.note[0]"),
        new Case(
            "U+0000 in a cancel reason",
            "POST",
            SOME_RUN + "/cancel",
            AS_JSON,
            "{\"reason\": \"\\u0000\"}",
            400,
            "U+0000"),
        new Case(
            "U+0000 in ?workflow=",
            "GET",
            "/api/v1/runs?workflow=%00",
            Map.of(),
            "",
            400,
            "U+0000"),
        new Case(
            "U+0000 in a workflow name in the path",
            "POST",
            "/api/v1/workflows/a%00b/runs",
            AS_JSON,
            "{}",
            400,
            "URI"),
        new Case(
            "a cursor of bytes that are not one",
            "GET",
            "/api/v1/runs?cursor=%00%FF",
            Map.of(),
            "",
            400,
            ""),
        new Case(
            "a cursor this API never gave out",
            "GET",
            "/api/v1/runs?cursor=bm90LWEtY3Vyc29y",
            Map.of(),
            "",
            400,
            "cursor"),
        new Case(
            "an empty Idempotency-Key",
            "POST",
            START,
            Map.of("Content-Type", "application/json", "Idempotency-Key", ""),
            "{}",
            400,
            "Idempotency-Key"),
        new Case(
            "an Idempotency-Key of 3,000 characters",
            "POST",
            START,
            Map.of("Content-Type", "application/json", "Idempotency-Key", "k".repeat(3_000)),
            "{}",
            400,
            "limit is 255"),
        new Case(
            "headers of 12 KB",
            "POST",
            START,
            Map.of("Content-Type", "application/json", "Idempotency-Key", "k".repeat(12_000)),
            "{}",
            400,
            ""),
        new Case(
            "a start as text/plain",
            "POST",
            START,
            Map.of("Content-Type", "text/plain"),
            "{}",
            415,
            "text/plain"),
        new Case(
            "a start as */*",
            "POST",
            START,
            Map.of("Content-Type", "*/*"),
            "{}",
            415,
            "Content-Type"),
        new Case("a start with a body and no Content-Type", "POST", START, Map.of(), "{}", 415, ""),
        new Case(
            "a run input that is not JSON",
            "POST",
            START,
            AS_JSON,
            "{\"orderId\": ",
            400,
            "not valid JSON"),
        new Case(
            "a start of a workflow nobody deployed",
            "POST",
            "/api/v1/workflows/never-deployed/runs",
            AS_JSON,
            "{}",
            404,
            "never-deployed"),
        new Case(
            "a run id that is no UUID",
            "GET",
            "/api/v1/runs/not-a-uuid",
            Map.of(),
            "",
            404,
            "UUID"),
        new Case("a run nobody started", "GET", SOME_RUN, Map.of(), "", 404, "no run"),
        new Case(
            "an unknown status filter",
            "GET",
            "/api/v1/runs?status=DONE",
            Map.of(),
            "",
            400,
            "DONE"),
        new Case("a negative limit", "GET", "/api/v1/runs?limit=-1", Map.of(), "", 400, "limit"),
        new Case(
            "a limit that is no number",
            "GET",
            "/api/v1/runs?limit=lots",
            Map.of(),
            "",
            400,
            "limit"),
        new Case(
            "a since that is no instant",
            "GET",
            "/api/v1/runs?since=yesterday",
            Map.of(),
            "",
            400,
            "since"),
        new Case(
            "a parent that is no run id",
            "GET",
            "/api/v1/runs?parent=mine",
            Map.of(),
            "",
            400,
            "parent"),
        new Case(
            "a method the path does not take",
            "DELETE",
            "/api/v1/runs",
            Map.of(),
            "",
            405,
            "DELETE"),
        new Case(
            "a path the API does not have", "GET", "/api/v1/nothing-here", Map.of(), "", 404, ""),
        new Case(
            "a workflow that is not YAML",
            "POST",
            "/api/v1/workflows",
            Map.of("Content-Type", "application/yaml"),
            "name: [unclosed",
            400,
            ""),
        new Case(
            "a workflow holding U+0000",
            "POST",
            "/api/v1/workflows",
            Map.of("Content-Type", "application/yaml"),
            "name: nul-in-yaml\ndescription: \"a\\0b\"\nsteps:\n  - id: s\n    function: demo.echo\n",
            400,
            "U+0000"),
        new Case(
            "an incident id that is no number",
            "POST",
            SOME_RUN + "/incidents/first/retry",
            Map.of(),
            "",
            400,
            "incidentId"),
        new Case(
            "a body declared over the limit",
            "POST",
            START,
            Map.of("Content-Type", "application/json", "Content-Length", "5000000"),
            "",
            413,
            "limit"));
  }

  private RawHttp http;

  @BeforeEach
  void deployTheTarget() {
    http = new RawHttp(port);
    api.deploy("name: " + WORKFLOW + "\nsteps:\n  - id: echo\n    function: demo.echo\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void everyBadInputGetsAProblemThatSaysWhatIsWrongAndStoresNothing(Case bad) {
    long before = runsOfTheTarget();

    Reply reply =
        http.send(
            bad.method(), bad.target(), bad.headers(), bad.body().getBytes(StandardCharsets.UTF_8));

    assertThat(reply.status()).as(reply.body()).isEqualTo(bad.status());
    assertThat(reply.contentType()).as(reply.body()).startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(reply.body());
    assertThat(problem.path("type").asString()).startsWith("urn:ordo:problem:");
    assertThat(problem.path("status").asInt()).isEqualTo(bad.status());
    assertThat(problem.path("detail").asString()).isNotBlank();
    assertThat(reply.body()).contains(bad.detailHolds());
    assertThat(runsOfTheTarget()).isEqualTo(before);
  }

  @Test
  void anEmptyIdempotencyKeyNeverMergesTwoStarts() {
    Map<String, String> emptyKey =
        Map.of("Content-Type", "application/json", "Idempotency-Key", " ");
    Reply first = http.send("POST", START, emptyKey, "{\"n\": 1}".getBytes(StandardCharsets.UTF_8));
    Reply second =
        http.send("POST", START, emptyKey, "{\"n\": 2}".getBytes(StandardCharsets.UTF_8));

    assertThat(first.status()).isEqualTo(400);
    assertThat(second.status()).isEqualTo(400);
  }

  @Test
  void aStartWithoutABodyOrContentTypeStartsARunWithAnEmptyInput() {
    Reply reply = http.send("POST", START, Map.of(), new byte[0]);

    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
  }

  private long runsOfTheTarget() {
    JsonNode counts = api.get("/runs/counts?workflow=" + WORKFLOW).body();
    long total = 0;
    for (JsonNode count : counts) {
      total += count.asLong();
    }
    return total;
  }
}
