package io.ordo.dsl.model;

import io.ordo.dsl.expr.Template;
import org.jspecify.annotations.Nullable;

/**
 * Ends the innermost parallel branch, {@code forEach} iteration or, at the top, the run, at once
 * and successfully; {@code output} (when given) becomes that branch's, iteration's or run's output.
 */
public record SucceedStep(String id, @Nullable Template output, StepOptions options)
    implements Step {}
