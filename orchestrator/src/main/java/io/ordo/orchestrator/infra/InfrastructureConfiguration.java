package io.ordo.orchestrator.infra;

import com.zaxxer.hikari.HikariDataSource;
import io.ordo.dsl.WorkflowParser;
import io.ordo.embedded.EmbeddedKafkaServer;
import io.ordo.embedded.EmbeddedPostgresServer;
import io.ordo.embedded.StartingServer;
import io.ordo.orchestrator.OrdoProperties;
import io.ordo.orchestrator.kafka.KafkaEndpoint;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

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

  /**
   * A small definition that touches what every first parse pays for: YAML, an input JSON Schema,
   * CEL.
   */
  private static final String WARM_UP =
      """
      name: warm-up
      input:
        schema: {type: object, required: [value], properties: {value: {type: string}}}
      steps:
        - id: first
          function: warm.up
          input: {value: "${ input.value }", size: "${ size(input.value) > 1 }"}
          retry: {maxAttempts: 2}
      output: ${ steps.first.output }
      """;

  @Bean
  WorkflowParser workflowParser() {
    warmUpParsing();
    return new WorkflowParser();
  }

  /**
   * The first definition a JVM parses takes over a second (CEL's and the JSON Schema validator's
   * first use), and the example workflows are deployed before Ordo reports ready: that first parse
   * is done here, with a parser of its own, on a thread of its own, while the context is starting.
   */
  private static void warmUpParsing() {
    Thread.ofPlatform()
        .daemon()
        .name("ordo-parser-warm-up")
        .start(() -> new WorkflowParser().parse(WARM_UP));
  }

  /**
   * Starts the embedded PostgreSQL and Kafka, each on a thread of its own, as soon as the context
   * has read its configuration: they come up while the context creates its beans, instead of one
   * after the other when the first bean needs them. Being a {@link BeanFactoryPostProcessor} is
   * what makes Spring create it that early.
   */
  @Bean(destroyMethod = "close")
  static EmbeddedStarts embeddedStarts(Environment environment) {
    return EmbeddedStarts.begin(environment);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnExpression(EmbeddedStarts.NO_DATASOURCE_URL)
  EmbeddedPostgresServer embeddedPostgres(EmbeddedStarts starts) {
    return starts.postgres();
  }

  @Bean
  @ConditionalOnExpression(EmbeddedStarts.NO_DATASOURCE_URL)
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
  @ConditionalOnExpression(EmbeddedStarts.NO_BOOTSTRAP_SERVERS)
  EmbeddedKafkaServer embeddedKafka(EmbeddedStarts starts) {
    return starts.kafka();
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

  /**
   * The embedded servers this configuration asked for, starting in the background. Closing it stops
   * them, also when the context failed before any bean took them over.
   */
  static final class EmbeddedStarts implements BeanFactoryPostProcessor, AutoCloseable {

    static final String NO_DATASOURCE_URL = "'${spring.datasource.url:}'.isEmpty()";
    static final String NO_BOOTSTRAP_SERVERS = "'${ordo.kafka.bootstrap-servers:}'.isEmpty()";

    private final @Nullable StartingServer<EmbeddedPostgresServer> postgres;
    private final @Nullable StartingServer<EmbeddedKafkaServer> kafka;

    private EmbeddedStarts(
        @Nullable StartingServer<EmbeddedPostgresServer> postgres,
        @Nullable StartingServer<EmbeddedKafkaServer> kafka) {
      this.postgres = postgres;
      this.kafka = kafka;
    }

    /** Starts what the same conditions as the beans above ask for. */
    static EmbeddedStarts begin(Environment environment) {
      var embedded =
          Binder.get(environment).bindOrCreate("ordo.embedded", OrdoProperties.Embedded.class);
      boolean wantsPostgres = environment.getProperty("spring.datasource.url", "").isEmpty();
      boolean wantsKafka = environment.getProperty("ordo.kafka.bootstrap-servers", "").isEmpty();
      return new EmbeddedStarts(
          wantsPostgres
              ? StartingServer.postgres(
                  embedded.dataDirectory().resolve("postgres"), embedded.postgresPort())
              : null,
          wantsKafka
              ? StartingServer.kafka(
                  embedded.dataDirectory().resolve("kafka"), embedded.kafkaPort())
              : null);
    }

    EmbeddedPostgresServer postgres() {
      return Objects.requireNonNull(postgres, "no embedded PostgreSQL was started").await();
    }

    EmbeddedKafkaServer kafka() {
      return Objects.requireNonNull(kafka, "no embedded Kafka was started").await();
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
      // nothing to change: only created early, so the servers start early
    }

    @Override
    public void close() throws Exception {
      // Kafka first, then the database, as the beans' own shutdown order has it
      try {
        if (kafka != null) {
          kafka.close();
        }
      } finally {
        if (postgres != null) {
          postgres.close();
        }
      }
    }
  }
}
