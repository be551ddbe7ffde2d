package io.ordo.orchestrator.store;

import io.ordo.orchestrator.engine.RunEvent;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events as an incident keeps them: {@code {"type": "StepCompleted", "event": {…}}} in UTF-8. Kept
 * as bytes, because the event may be what PostgreSQL's text could not hold.
 */
@Component
public class EventJson {

  private final JsonMapper json;

  public EventJson(JsonMapper json) {
    this.json = json;
  }

  public byte[] write(RunEvent event) {
    ObjectNode node = json.createObjectNode();
    node.put("type", event.getClass().getSimpleName());
    node.set("event", json.valueToTree(event));
    return json.writeValueAsBytes(node);
  }

  public RunEvent read(byte[] bytes) {
    JsonNode node = json.readTree(bytes);
    JsonNode event = node.path("event");
    String type = node.path("type").asString();
    Class<? extends RunEvent> kind =
        switch (type) {
          case "StepCompleted" -> RunEvent.StepCompleted.class;
          case "StepFailed" -> RunEvent.StepFailed.class;
          case "StepHeartbeat" -> RunEvent.StepHeartbeat.class;
          case "TimerFired" -> RunEvent.TimerFired.class;
          case "CancelRequested" -> RunEvent.CancelRequested.class;
          case "SignalReceived" -> RunEvent.SignalReceived.class;
          case "RetryRequested" -> RunEvent.RetryRequested.class;
          case "StopRequestedByParent" -> RunEvent.StopRequestedByParent.class;
          case "CompensationRequestedByParent" -> RunEvent.CompensationRequestedByParent.class;
          default ->
              throw new IllegalArgumentException(
                  "not an event this version of Ordo knows: "
                      + new String(bytes, StandardCharsets.UTF_8));
        };
    return json.treeToValue(event, kind);
  }
}
