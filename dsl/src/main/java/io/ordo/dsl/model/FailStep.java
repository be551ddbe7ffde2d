package io.ordo.dsl.model;

import io.ordo.dsl.expr.Template;

/** Fails with error type {@code error} and the message the template gives (never retried). */
public record FailStep(String id, String error, Template message, StepOptions options)
    implements Step {}
