package io.ordo.dsl.model;

import io.ordo.dsl.expr.Template;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Waits, on a durable timer: for {@code duration}, or {@code until} the timestamp (RFC 3339) the
 * template evaluates to. Exactly one of the two is set. Its output is null.
 */
public record WaitStep(
    String id, @Nullable Duration duration, @Nullable Template until, StepOptions options)
    implements Step {}
