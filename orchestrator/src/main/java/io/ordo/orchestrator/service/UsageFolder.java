package io.ordo.orchestrator.service;

import io.ordo.orchestrator.store.JdbcFunctionUsage;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Folds appended usage deltas into the per-function totals, about once a second. */
@Component
public class UsageFolder implements SmartLifecycle {

  private static final int BATCH = 5_000;
  private static final Duration PAUSE = Duration.ofSeconds(1);

  private final JdbcFunctionUsage usage;
  private final TransactionTemplate transactions;
  private final BackgroundLoop loop;

  public UsageFolder(JdbcFunctionUsage usage, TransactionTemplate transactions) {
    this.usage = usage;
    this.transactions = transactions;
    this.loop = new BackgroundLoop("ordo-usage", this::foldOnce, Duration.ofSeconds(5));
  }

  private void foldOnce() throws InterruptedException {
    Integer folded = transactions.execute(status -> usage.fold(BATCH));
    if (folded == null || folded < BATCH) {
      Thread.sleep(PAUSE);
    }
  }

  @Override
  public void start() {
    loop.start();
  }

  @Override
  public void stop() {
    loop.close();
  }

  @Override
  public boolean isRunning() {
    return loop.isRunning();
  }
}
