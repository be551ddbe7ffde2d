package io.ordo.dsl;

import io.ordo.dsl.model.RetryPolicy;
import java.time.Duration;

/** What a step gets when it does not say: {@code defaults} of the workflow over Ordo's own. */
record Defaults(Duration timeout, RetryPolicy retry) {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  static final Defaults BUILT_IN = new Defaults(TIMEOUT, RetryPolicy.DEFAULT);
}
