package io.ordo.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other engine test (see {@code junit-platform.properties}) and fails when a legal
 * status edge was never driven by any of them.
 */
@Order(Integer.MAX_VALUE)
class EdgeCoverageTest {

  @Test
  void everyStatusEdgeIsExercisedByTheEngineTests() {
    assertThat(TransitionCoverage.missing()).as("status edges no test drives").isEmpty();
  }
}
