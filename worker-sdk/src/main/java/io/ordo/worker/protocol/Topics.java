package io.ordo.worker.protocol;

import java.util.regex.Pattern;

/** The Kafka topics and headers of the wire protocol. */
public final class Topics {

  /** Every worker's results, keyed by run id. */
  public static final String RESULTS = "ordo.results";

  /** Messages the orchestrator could not use, with the reason in a header. */
  public static final String DEAD_LETTER = "ordo.dead-letter";

  public static final String DEFAULT_FUNCTION_PREFIX = "ordo.fn.";

  /** The W3C trace context header carried by dispatches and results. */
  public static final String TRACEPARENT_HEADER = "traceparent";

  private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private Topics() {}

  /** The topic a function's dispatches are published to, e.g. {@code ordo.fn.payments.validate}. */
  public static String functionTopic(String prefix, String function) {
    String topic = prefix + function;
    if (!LEGAL_TOPIC.matcher(topic).matches()) {
      throw new IllegalArgumentException(
          "'"
              + topic
              + "' is not a legal Kafka topic name: use letters, digits,"
              + " '.', '_' and '-', at most 249 characters");
    }
    return topic;
  }
}
