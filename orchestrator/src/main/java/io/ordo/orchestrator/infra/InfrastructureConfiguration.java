package io.ordo.orchestrator.infra;

import com.zaxxer.hikari.HikariDataSource;
import io.ordo.dsl.WorkflowParser;
import io.ordo.embedded.EmbeddedKafkaServer;
import io.ordo.embedded.EmbeddedPostgresServer;
import io.ordo.orchestrator.OrdoProperties;
import io.ordo.orchestrator.kafka.KafkaEndpoint;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where Ordo's infrastructure comes from. With no {@code spring.datasource.url}, PostgreSQL runs
 * in-process; with no {@code ordo.kafka.bootstrap-servers}, so does a Kafka broker. Both keep their
 * data under {@code ordo.embedded.data-directory}, so a restart resumes every run.
 */
@Configuration(proxyBeanMethods = false)
class InfrastructureConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  WorkflowParser workflowParser() {
    return new WorkflowParser();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
  EmbeddedPostgresServer embeddedPostgres(OrdoProperties properties) {
    var embedded = properties.embedded();
    return EmbeddedPostgresServer.start(
        embedded.dataDirectory().resolve("postgres"), embedded.postgresPort());
  }

  @Bean
  @ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
  DataSource dataSource(EmbeddedPostgresServer postgres) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(postgres.jdbcUrl());
    dataSource.setUsername(postgres.username());
    dataSource.setPassword(postgres.password());
    dataSource.setMaximumPoolSize(20);
    dataSource.setPoolName("ordo");
    dataSource.addDataSourceProperty("reWriteBatchedInserts", true);
    return dataSource;
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnExpression("'${ordo.kafka.bootstrap-servers:}'.isEmpty()")
  EmbeddedKafkaServer embeddedKafka(OrdoProperties properties) {
    var embedded = properties.embedded();
    return EmbeddedKafkaServer.start(
        embedded.dataDirectory().resolve("kafka"), embedded.kafkaPort());
  }

  @Bean
  KafkaEndpoint kafkaEndpoint(
      OrdoProperties properties, ObjectProvider<EmbeddedKafkaServer> embedded) {
    String configured = properties.kafka().bootstrapServers();
    if (configured != null && !configured.isBlank()) {
      return new KafkaEndpoint(configured);
    }
    return new KafkaEndpoint(embedded.getObject().bootstrapServers());
  }
}
