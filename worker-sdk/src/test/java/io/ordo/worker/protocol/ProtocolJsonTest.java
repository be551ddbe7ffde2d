package io.ordo.worker.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

class ProtocolJsonTest {

  private static final Instant DEADLINE = Instant.parse("2025-03-01T10:15:30Z");
  private static final StepDispatch DISPATCH =
      new StepDispatch(
          "run-1",
          "validatePayment",
          2,
          "payments.validate",
          json("{\"amount\": 12.5}"),
          DEADLINE,
          30_000L,
          "run-1:validatePayment");

  @Test
  void roundTripsADispatchWithIsoInstantsAndComponentNamesAsFields() {
    byte[] bytes = ProtocolJson.write(DISPATCH);

    assertThat(new String(bytes, UTF_8))
        .contains(
            "\"runId\":\"run-1\"",
            "\"attempt\":2",
            "\"deadline\":\"2025-03-01T10:15:30Z\"",
            "\"timeoutMs\":30000",
            "\"idempotencyKey\":\"run-1:validatePayment\"");
    assertThat(ProtocolJson.read(bytes, StepDispatch.class)).isEqualTo(DISPATCH);
  }

  @Test
  void roundTripsResultsOfEveryStatus() {
    Instant started = DEADLINE.minusSeconds(5);
    var completed =
        StepResult.completed(DISPATCH, json("{\"paymentId\":\"pay-1\"}"), "w1", started, DEADLINE);
    var failed =
        StepResult.failed(
            DISPATCH, new StepError("CardDeclined", "over limit", false), "w1", started, DEADLINE);
    var heartbeat = StepResult.heartbeat(DISPATCH, "w1", started);

    for (StepResult result : new StepResult[] {completed, failed, heartbeat}) {
      assertThat(ProtocolJson.read(ProtocolJson.write(result), StepResult.class)).isEqualTo(result);
    }
  }

  @Test
  void leavesOutFieldsThatHaveNoValue() {
    String json =
        new String(ProtocolJson.write(StepResult.heartbeat(DISPATCH, "w1", DEADLINE)), UTF_8);

    assertThat(json).doesNotContain("output", "error", "finishedAt");
  }

  @Test
  void ignoresFieldsItDoesNotKnowSoEitherSideCanAddFieldsFirst() {
    String json = dispatchJson().replaceFirst("\\{", "{\"priority\": 7, ");

    assertThat(read(json, StepDispatch.class)).isEqualTo(DISPATCH);
  }

  @Test
  void acceptsJsonNullAsTheInputOfAStep() {
    String json = dispatchJson().replace("{\"amount\":12.5}", "null");

    assertThat(read(json, StepDispatch.class).input()).isEqualTo(NullNode.getInstance());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not json at all        | not JSON",
        "{\"runId\": \"r\"      | not JSON",
        "''                     | not JSON: the message is empty",
        "[1, 2]                 | the message must be a JSON object but was an array",
        "{\"a\": 1} {\"b\": 2}  | not JSON",
      })
  void rejectsBytesThatAreNotAJsonObject(String json, String reason) {
    assertThatThrownBy(() -> read(json, StepDispatch.class))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageStartingWith(reason);
  }

  @ParameterizedTest
  @CsvSource({"runId", "stepId", "attempt", "function", "input", "idempotencyKey"})
  void rejectsADispatchWithoutARequiredField(String field) {
    String json =
        ProtocolJson.mapper()
            .createObjectNode()
            .setAll((tools.jackson.databind.node.ObjectNode) json(dispatchJson()))
            .without(field)
            .toString();

    assertThatThrownBy(() -> read(json, StepDispatch.class))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessage("missing field '" + field + "'");
  }

  @Test
  void readsADispatchWithoutADeadlineOrTimeoutAsOneThatMayStartAnyTimeAndRunAsLongAsItTakes() {
    String json =
        ProtocolJson.mapper()
            .createObjectNode()
            .setAll((tools.jackson.databind.node.ObjectNode) json(dispatchJson()))
            .without(java.util.List.of("deadline", "timeoutMs"))
            .toString();

    StepDispatch dispatch = read(json, StepDispatch.class);

    assertThat(dispatch.deadline()).isNull();
    assertThat(dispatch.timeout()).isNull();
    assertThat(dispatch.isExpiredAt(Instant.MAX)).isFalse();
  }

  @Test
  void rejectsARequiredFieldThatIsNull() {
    String json = dispatchJson().replace("\"runId\":\"run-1\"", "\"runId\":null");

    assertThatThrownBy(() -> read(json, StepDispatch.class)).hasMessage("missing field 'runId'");
  }

  @Test
  void rejectsAResultWithoutAStatus() {
    String json = "{\"runId\":\"r\",\"stepId\":\"s\",\"attempt\":1}";

    assertThatThrownBy(() -> read(json, StepResult.class)).hasMessage("missing field 'status'");
  }

  @Test
  void rejectsAFailedResultWhoseErrorLacksAType() {
    String json =
        "{\"runId\":\"r\",\"stepId\":\"s\",\"attempt\":1,\"status\":\"FAILED\","
            + "\"error\":{\"message\":\"boom\",\"retryable\":true}}";

    assertThatThrownBy(() -> read(json, StepResult.class)).hasMessage("missing field 'error.type'");
  }

  @Test
  void rejectsAFailedResultWithoutAnError() {
    String json = "{\"runId\":\"r\",\"stepId\":\"s\",\"attempt\":1,\"status\":\"FAILED\"}";

    assertThatThrownBy(() -> read(json, StepResult.class))
        .hasMessage("invalid StepResult: a FAILED result needs an error");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"attempt\":2                    | \"attempt\":\"2\"         | field 'attempt' must be an integer but was a string (\"2\")",
        "\"attempt\":2                    | \"attempt\":2.5           | field 'attempt' must be an integer but was a number (2.5)",
        "\"runId\":\"run-1\"              | \"runId\":42              | field 'runId' must be a string but was a number (42)",
        "\"deadline\":\"2025-03-01T10:15:30Z\" | \"deadline\":\"soon\" | field 'deadline' must be an ISO-8601 timestamp",
        "\"attempt\":2                    | \"attempt\":0             | invalid StepDispatch: attempt must be 1 or more, was 0",
        "\"timeoutMs\":30000              | \"timeoutMs\":-1          | invalid StepDispatch: timeoutMs must be positive, was -1",
      })
  void rejectsADispatchWithAFieldOfTheWrongTypeAndSaysWhichField(
      String valid, String invalid, String reason) {
    String json = dispatchJson().replace(valid, invalid);

    assertThatThrownBy(() -> read(json, StepDispatch.class))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageStartingWith(reason);
  }

  @Test
  void rejectsAnUnknownStatus() {
    String json = "{\"runId\":\"r\",\"stepId\":\"s\",\"attempt\":1,\"status\":\"DONE\"}";

    assertThatThrownBy(() -> read(json, StepResult.class))
        .hasMessage(
            "field 'status' must be one of [COMPLETED, FAILED, HEARTBEAT] but was a string (\"DONE\")");
  }

  private static String dispatchJson() {
    return new String(ProtocolJson.write(DISPATCH), UTF_8);
  }

  private static <T> T read(String json, Class<T> type) {
    return ProtocolJson.read(json.getBytes(UTF_8), type);
  }

  private static JsonNode json(String text) {
    return ProtocolJson.mapper().readTree(text);
  }
}
