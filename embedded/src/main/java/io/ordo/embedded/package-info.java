/**
 * Real PostgreSQL and Kafka servers started from Java, for the one-command start and for
 * integration tests.
 */
@NullMarked
package io.ordo.embedded;

import org.jspecify.annotations.NullMarked;
