/**
 * The benchmark: order workflows through a running Ordo, next to bare Kafka and PostgreSQL
 * baselines.
 */
@NullMarked
package io.ordo.bench;

import org.jspecify.annotations.NullMarked;
