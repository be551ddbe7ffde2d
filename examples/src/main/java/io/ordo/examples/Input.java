package io.ordo.examples;

import io.ordo.worker.StepFailure;
import tools.jackson.databind.JsonNode;

/**
 * Reads an example function's input, failing the step non-retryably when a field is missing:
 * retrying cannot add it.
 */
record Input(JsonNode json) {

  static final String INVALID_INPUT = "InvalidInput";

  JsonNode field(String name) {
    JsonNode value = json.get(name);
    if (value == null || value.isNull() || value.isMissingNode()) {
      throw StepFailure.nonRetryable(INVALID_INPUT, "input needs the field '" + name + "'");
    }
    return value;
  }

  /** A string, or a number written as one (an order id may be either). */
  String text(String name) {
    JsonNode value = field(name);
    if (!value.isString() && !value.isNumber()) {
      throw StepFailure.nonRetryable(
          INVALID_INPUT, "'" + name + "' must be a string, was " + value);
    }
    return value.asString();
  }

  JsonNode number(String name) {
    JsonNode value = field(name);
    if (!value.isNumber()) {
      throw StepFailure.nonRetryable(
          INVALID_INPUT, "'" + name + "' must be a number, was " + value);
    }
    return value;
  }

  JsonNode array(String name) {
    JsonNode value = field(name);
    if (!value.isArray()) {
      throw StepFailure.nonRetryable(
          INVALID_INPUT, "'" + name + "' must be an array, was " + value);
    }
    return value;
  }

  boolean has(String name) {
    JsonNode value = json.get(name);
    return value != null && !value.isNull() && !value.isMissingNode();
  }
}
