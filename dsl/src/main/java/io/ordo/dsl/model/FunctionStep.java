package io.ordo.dsl.model;

import io.ordo.dsl.expr.Template;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A task: dispatched over Kafka to the workers of {@code function}. */
public record FunctionStep(
    String id,
    String function,
    Template input,
    Duration timeout,
    RetryPolicy retry,
    @Nullable Compensation compensate)
    implements Step {}
