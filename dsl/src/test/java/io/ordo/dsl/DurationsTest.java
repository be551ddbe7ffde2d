package io.ordo.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({
    "500ms, 500",
    "30s, 30000",
    "5m, 300000",
    "1h, 3600000",
    "2d, 172800000",
    "1m30s, 90000",
    "1h30m, 5400000",
    "2d12h, 216000000",
    "1s500ms, 1500",
    "90s, 90000",
    "0s, 0",
    "1d2h3m4s5ms, 93784005",
  })
  void readsEachUnitAndCombination(String text, long millis) {
    assertThat(Durations.parse(text)).contains(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "",
        "30",
        "s",
        "1 h",
        "1H",
        "-5s",
        "1.5s",
        "30s1m",
        "1m1m",
        "5 minutes",
        "1h 30m",
        "PT30S",
        "1234567890s",
        "ms",
        "5ms5s",
        "1w",
      })
  void rejectsAnythingElse(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"500ms", "30s", "1m30s", "2d12h", "1d2h3m4s5ms", "0s"})
  void formatsToTextThatParsesBack(String text) {
    Duration duration = Durations.parse(text).orElseThrow();

    assertThat(Durations.format(duration)).isEqualTo(text);
  }

  @Test
  void formatsTheLargestUnitsFirst() {
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
  }

  @Test
  void refusesToFormatANegativeDuration() {
    assertThatThrownBy(() -> Durations.format(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
