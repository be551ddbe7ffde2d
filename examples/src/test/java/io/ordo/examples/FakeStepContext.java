package io.ordo.examples;

import io.ordo.worker.StepContext;
import io.ordo.worker.protocol.ProtocolJson;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A step context for calling a handler directly, without Kafka. */
record FakeStepContext(String runId, String stepId, int attempt, JsonNode input)
    implements StepContext {

  static FakeStepContext of(String inputJson) {
    return attempt(1, inputJson);
  }

  static FakeStepContext attempt(int attempt, String inputJson) {
    return new FakeStepContext("run-1", "step", attempt, json(inputJson));
  }

  static JsonNode json(String text) {
    return ProtocolJson.mapper().readTree(text);
  }

  @Override
  public String idempotencyKey() {
    return runId + ":" + stepId + ":" + attempt;
  }

  @Override
  public Instant deadline() {
    return Instant.parse("2030-01-01T00:00:00Z");
  }

  @Override
  public void heartbeat() {}
}
