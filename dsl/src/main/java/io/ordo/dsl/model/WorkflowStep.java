package io.ordo.dsl.model;

import io.ordo.dsl.expr.Template;
import org.jspecify.annotations.Nullable;

/**
 * Starts a child run of {@code workflow} (its latest version, or {@code version}) and waits for it;
 * the child's output is the step's output. Cancelling the parent cancels the child; compensating
 * the parent compensates a completed child (unless the step declares its own {@code compensate}).
 */
public record WorkflowStep(
    String id, String workflow, @Nullable Integer version, Template input, StepOptions options)
    implements Step {}
