/** PostgreSQL adapters: runs, history, outbox, timers and workflow versions, over JDBC. */
@NullMarked
package io.ordo.orchestrator.store;

import org.jspecify.annotations.NullMarked;
