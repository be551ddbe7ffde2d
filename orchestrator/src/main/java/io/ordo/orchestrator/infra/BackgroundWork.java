package io.ordo.orchestrator.infra;

import io.ordo.orchestrator.kafka.KafkaOutboxRelay;
import io.ordo.orchestrator.service.BackgroundLoop;
import io.ordo.orchestrator.service.TimerPoller;
import io.ordo.orchestrator.service.UsageFolder;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The loops every orchestrator instance runs besides its result consumers ({@code
 * KafkaResultConsumers}) and writers ({@code TransitionQueue}): relay the outbox, fire timers, fold
 * usage. Started once the context is ready and stopped before anything they use is closed.
 */
@Configuration(proxyBeanMethods = false)
class BackgroundWork {

  private static final Duration PAUSE_AFTER_ERROR = Duration.ofSeconds(1);

  @Bean
  BackgroundLoop outboxRelayLoop(KafkaOutboxRelay relay) {
    return new BackgroundLoop("ordo-outbox-relay", relay::relay, PAUSE_AFTER_ERROR);
  }

  @Bean
  BackgroundLoop timerLoop(TimerPoller timers) {
    return new BackgroundLoop("ordo-timers", timers::fireDue, PAUSE_AFTER_ERROR);
  }

  @Bean
  BackgroundLoop usageLoop(UsageFolder usage) {
    return new BackgroundLoop("ordo-usage", usage::foldOnce, Duration.ofSeconds(5));
  }
}
