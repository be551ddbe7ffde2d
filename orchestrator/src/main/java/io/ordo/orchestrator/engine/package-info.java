/**
 * The engine: a pure, deterministic function from (run state, event, time) to (new run state,
 * commands). No clock, randomness, logging or I/O lives here; adapters do the work it returns.
 */
@NullMarked
package io.ordo.orchestrator.engine;

import org.jspecify.annotations.NullMarked;
