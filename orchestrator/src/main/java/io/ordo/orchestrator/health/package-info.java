/**
 * Whether this instance can do its work: PostgreSQL and Kafka probed in the background, every
 * second with short timeouts, so that readiness tells the truth within seconds and a health call
 * never waits on an outage.
 */
@NullMarked
package io.ordo.orchestrator.health;

import org.jspecify.annotations.NullMarked;
