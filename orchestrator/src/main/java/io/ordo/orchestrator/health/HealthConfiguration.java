package io.ordo.orchestrator.health;

import com.zaxxer.hikari.HikariDataSource;
import io.ordo.orchestrator.OrdoProperties;
import io.ordo.orchestrator.kafka.KafkaEndpoint;
import io.ordo.orchestrator.service.BackgroundLoop;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code postgres} and {@code kafka} health indicators (in the readiness group, see
 * application.yaml) and the loops that probe them, each on its own thread so that one hanging
 * dependency never delays the other's verdict. Liveness holds neither: an outage of a dependency
 * must take an instance out of traffic, not get it restarted.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

  @Bean(destroyMethod = "close")
  PostgresProbe postgres(DataSource dataSource, Clock clock, OrdoProperties properties)
      throws SQLException {
    PostgresProbe probe =
        new PostgresProbe(
            dataSource.unwrap(HikariDataSource.class), clock, properties.health().timeout());
    probe.probe(); // a verdict before the first health call
    return probe;
  }

  @Bean(destroyMethod = "close")
  KafkaProbe kafka(KafkaEndpoint endpoint, Clock clock, OrdoProperties properties) {
    Duration timeout = properties.health().timeout();
    Map<String, Object> config = new HashMap<>(endpoint.clientProperties());
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint.bootstrapServers());
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "ordo-health");
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    KafkaProbe probe = new KafkaProbe(Admin.create(config), clock, timeout);
    probe.probe();
    return probe;
  }

  @Bean
  BackgroundLoop postgresProbeLoop(PostgresProbe postgres, OrdoProperties properties) {
    return probeLoop("ordo-health-postgres", postgres, properties.health().interval());
  }

  @Bean
  BackgroundLoop kafkaProbeLoop(KafkaProbe kafka, OrdoProperties properties) {
    return probeLoop("ordo-health-kafka", kafka, properties.health().interval());
  }

  private static BackgroundLoop probeLoop(String name, DependencyProbe probe, Duration interval) {
    return new BackgroundLoop(
        name,
        () -> {
          probe.probe();
          Thread.sleep(interval);
        },
        interval);
  }
}
