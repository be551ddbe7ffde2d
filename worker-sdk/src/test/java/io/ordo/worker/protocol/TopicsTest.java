package io.ordo.worker.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void namesAFunctionsTopicAfterThePrefixAndTheFunction() {
    assertThat(Topics.functionTopic(Topics.DEFAULT_FUNCTION_PREFIX, "payments.validate"))
        .isEqualTo("ordo.fn.payments.validate");
  }

  @Test
  void refusesAFunctionNameThatKafkaCannotUseInATopic() {
    assertThatThrownBy(() -> Topics.functionTopic("ordo.fn.", "payments/validate"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ordo.fn.payments/validate' is not a legal Kafka topic name");
  }
}
