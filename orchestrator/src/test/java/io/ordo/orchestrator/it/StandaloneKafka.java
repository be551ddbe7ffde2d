package io.ordo.orchestrator.it;

import io.ordo.embedded.EmbeddedKafkaServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kafka broker in a JVM of its own, started the way the tests start infrastructure (the embedded
 * KRaft server, no Docker), so a drill can kill it with SIGKILL and start it again on the same log
 * directory and port.
 */
final class StandaloneKafka implements AutoCloseable {

  private final Path logs;
  private final int port;
  private Process process;

  private StandaloneKafka(Path logs, int port) {
    this.logs = logs;
    this.port = port;
  }

  static StandaloneKafka start() throws IOException, InterruptedException {
    int port = TestPorts.next();
    StandaloneKafka kafka = new StandaloneKafka(Files.createTempDirectory("ordo-kafka-"), port);
    kafka.launch();
    return kafka;
  }

  String bootstrapServers() {
    return "localhost:" + port;
  }

  /** SIGKILL: no clean shutdown, the log is recovered on the next start. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Starts the broker again on the same log directory and port. */
  void restart() throws IOException, InterruptedException {
    launch();
  }

  private void launch() throws IOException, InterruptedException {
    Path log = Files.createDirectories(Path.of("target", "processes")).resolve("kafka.log");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                StandaloneKafka.class.getName(),
                logs.toString(),
                Integer.toString(port)));
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Kafka died while starting; see " + log.toAbsolutePath());
      }
      if (Files.exists(logs.resolve("ready-" + process.pid()))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("Kafka did not start in 90 s; see " + log.toAbsolutePath());
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  /** The child JVM: runs the broker until it is killed; says when it is up. */
  public static void main(String[] args) throws Exception {
    Path logs = Path.of(args[0]);
    EmbeddedKafkaServer.start(logs, Integer.parseInt(args[1]));
    try {
      Files.createFile(logs.resolve("ready-" + ProcessHandle.current().pid()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.currentThread().join();
  }
}
