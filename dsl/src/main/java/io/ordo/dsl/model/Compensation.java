package io.ordo.dsl.model;

import io.ordo.dsl.expr.Template;
import java.time.Duration;

/** What undoes a completed step when its run fails: a function call with its own retry policy. */
public record Compensation(String function, Template input, Duration timeout, RetryPolicy retry) {}
