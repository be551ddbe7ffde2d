/** Kafka adapters: relay the outbox, consume worker results, dead-letter what cannot be read. */
@NullMarked
package io.ordo.orchestrator.kafka;

import org.jspecify.annotations.NullMarked;
