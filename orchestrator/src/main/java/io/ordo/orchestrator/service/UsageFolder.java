package io.ordo.orchestrator.service;

import io.ordo.orchestrator.store.JdbcFunctionUsage;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Folds appended usage deltas into the per-function totals, about once a second. */
@Component
public class UsageFolder {

  private static final int BATCH = 5_000;
  private static final Duration PAUSE = Duration.ofSeconds(1);

  private final JdbcFunctionUsage usage;
  private final TransactionTemplate transactions;

  public UsageFolder(JdbcFunctionUsage usage, TransactionTemplate transactions) {
    this.usage = usage;
    this.transactions = transactions;
  }

  public void foldOnce() throws InterruptedException {
    Integer folded = transactions.execute(status -> usage.fold(BATCH));
    if (folded == null || folded < BATCH) {
      Thread.sleep(PAUSE);
    }
  }
}
