/**
 * Per-function metering: invocations, failures, retries, in-flight, durations and compute time,
 * derived from run state changes.
 */
@NullMarked
package io.ordo.orchestrator.metering;

import org.jspecify.annotations.NullMarked;
