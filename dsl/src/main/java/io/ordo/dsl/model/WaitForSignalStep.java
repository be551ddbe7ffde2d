package io.ordo.dsl.model;

/**
 * Waits until the run receives the signal {@code signal}; the signal's payload is the step's
 * output. A signal that arrived before the step started is kept and taken at once.
 */
public record WaitForSignalStep(String id, String signal, StepOptions options) implements Step {}
