package io.ordo.examples;

import io.ordo.worker.StepContext;
import io.ordo.worker.StepFailure;
import io.ordo.worker.protocol.ProtocolJson;
import tools.jackson.databind.JsonNode;

/** {@code demo.echo} and {@code demo.sleep}, for trying the engine out and for timeout tests. */
final class DemoFunctions {

  private DemoFunctions() {}

  static JsonNode echo(StepContext context) {
    return context.input();
  }

  /**
   * {@code {millis}} → {@code {slept: millis}} after sleeping that long. It sends no heartbeats, on
   * purpose: a step that outlives its timeout must time out.
   */
  static JsonNode sleep(StepContext context) throws InterruptedException {
    JsonNode millis = new Input(context.input()).number("millis");
    if (!millis.canConvertToLong() || millis.asLong() < 0) {
      throw StepFailure.nonRetryable(
          Input.INVALID_INPUT, "'millis' must be a whole number of 0 or more");
    }
    Thread.sleep(millis.asLong());
    return ProtocolJson.mapper().createObjectNode().set("slept", millis);
  }
}
