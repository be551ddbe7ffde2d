package io.ordo.orchestrator.service;

import io.ordo.orchestrator.store.JdbcOutboxStore.OutboxMessage;
import java.util.List;

/**
 * Takes the outbox messages of each commit as they were written, so the relay can send them at once
 * without reading them back (it still reads what others wrote, and what a crash left behind).
 */
public interface OutboxHandoff {

  void committed(List<OutboxMessage> messages);
}
