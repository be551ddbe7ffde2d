package io.ordo.orchestrator.health;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.Health;

/** The Kafka cluster answers a metadata request and has brokers, within the timeout. */
final class KafkaProbe extends DependencyProbe implements AutoCloseable {

  private final Admin admin;
  private volatile int brokers;

  KafkaProbe(Admin admin, Clock clock, Duration timeout) {
    super(clock, timeout);
    this.admin = admin;
  }

  @Override
  protected void check(Duration timeout) throws Exception {
    var nodes =
        admin
            .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
            .nodes()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (nodes.isEmpty()) {
      throw new IllegalStateException("the cluster has no brokers");
    }
    brokers = nodes.size();
  }

  @Override
  protected Health.Builder up() {
    return Health.up().withDetail("brokers", brokers);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
