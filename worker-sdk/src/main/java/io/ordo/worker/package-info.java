/**
 * The plain-Java API for writing Ordo step functions: register {@link io.ordo.worker.StepHandler}s
 * on an {@link io.ordo.worker.OrdoWorker} and start it.
 */
@NullMarked
package io.ordo.worker;

import org.jspecify.annotations.NullMarked;
