package io.ordo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each start-up phase of {@code ordo.jar} ended, read from its log (Spring Boot's default line
 * format: an ISO-8601 timestamp first), in milliseconds after a reference instant.
 */
final class StartupPhases {

  /** Phase name → the first log message that marks its end. */
  static final Map<String, String> MARKERS = new LinkedHashMap<>();

  static {
    MARKERS.put("jvm+launcher", "Starting OrdoApplication");
    MARKERS.put("old postmaster stopped", "earlier run that was not shut down is stopped");
    MARKERS.put("postgres started", "PostgreSQL started");
    MARKERS.put("flyway done", "DbMigrate");
    MARKERS.put("kafka started", "Kafka started");
    MARKERS.put("tomcat started", "Tomcat started");
    MARKERS.put("context started", "Started OrdoApplication");
    MARKERS.put("examples deployed", "example workflow order-with-approval");
    MARKERS.put("first group joined", "Successfully joined group");
  }

  /** Ends the same phase as the last line that matches, not the first. */
  static final Map<String, String> LAST_MARKERS =
      Map.of("all groups assigned", "Notifying assignor about the new");

  private StartupPhases() {}

  static Map<String, Long> read(Path log, Instant reference) throws IOException {
    List<String> lines = Files.readAllLines(log);
    Map<String, Long> ends = new LinkedHashMap<>();
    MARKERS.forEach(
        (phase, marker) ->
            lines.stream()
                .filter(line -> line.contains(marker))
                .findFirst()
                .ifPresent(line -> put(ends, phase, line, reference)));
    LAST_MARKERS.forEach(
        (phase, marker) ->
            lines.stream()
                .filter(line -> line.contains(marker))
                .reduce((first, second) -> second)
                .ifPresent(line -> put(ends, phase, line, reference)));
    return ends;
  }

  private static void put(Map<String, Long> ends, String phase, String line, Instant reference) {
    int space = line.indexOf(' ');
    if (space < 0) {
      return;
    }
    try {
      Instant at = Instant.parse(line.substring(0, space));
      ends.put(phase, Duration.between(reference, at).toMillis());
    } catch (DateTimeParseException notALogLine) {
      // a line of a stack trace or of the JVM
    }
  }
}
