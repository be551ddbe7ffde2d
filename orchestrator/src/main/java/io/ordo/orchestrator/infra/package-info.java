/** Start-up wiring: embedded PostgreSQL and Kafka, the example workers and workflows. */
@NullMarked
package io.ordo.orchestrator.infra;

import org.jspecify.annotations.NullMarked;
