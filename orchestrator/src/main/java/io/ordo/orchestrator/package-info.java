/** The Ordo orchestrator service: wires the engine to PostgreSQL, Kafka and HTTP. */
@NullMarked
package io.ordo.orchestrator;

import org.jspecify.annotations.NullMarked;
