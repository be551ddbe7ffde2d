package io.ordo.dsl;

import io.ordo.dsl.model.RetryPolicy;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What a step gets when it does not say: {@code defaults} of the workflow over Ordo's own.
 *
 * @param startTimeout how long a dispatch may wait for a worker; Ordo's own default is no limit
 */
record Defaults(Duration timeout, RetryPolicy retry, @Nullable Duration startTimeout) {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  static final Defaults BUILT_IN = new Defaults(TIMEOUT, RetryPolicy.DEFAULT, null);
}
