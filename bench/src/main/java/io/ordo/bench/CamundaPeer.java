package io.ordo.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Camunda 7 peer harness ({@code ../shared/peers/camunda7}, or {@code -Dpeers=…}) run in this
 * invocation, on the Debian PostgreSQL its {@code setup-postgres.sh} prepares, in the same shape:
 * orders in flight, runs, rounds. Its output is passed through; its median is the result.
 */
final class CamundaPeer {

  record Result(double perSecond, double p50, double p99) {}

  private static final Pattern MEDIAN =
      Pattern.compile("MEDIAN of \\d+ runs: ([\\d.]+) wf/s, p50 ([\\d.]+) ms, p99 ([\\d.]+) ms");

  private CamundaPeer() {}

  static Result run(int runs, int rounds, int warmup, int inflight) throws Exception {
    Path peers = peers();
    System.out.println("Camunda 7 peer: " + peers.resolve("camunda7/run.sh") + " …");
    exec(new ProcessBuilder("bash", peers.resolve("setup-postgres.sh").toString()));
    ProcessBuilder run = new ProcessBuilder("bash", peers.resolve("camunda7/run.sh").toString());
    onTheMachinesJdk(run);
    run.environment().put("N", Integer.toString(runs));
    run.environment().put("RUNS", Integer.toString(rounds));
    run.environment().put("WARMUP", Integer.toString(warmup));
    run.environment().put("CONCURRENCY", Integer.toString(inflight));
    String output = exec(run);
    Matcher m = MEDIAN.matcher(output);
    if (!m.find()) {
      throw new IllegalStateException("the peer printed no median");
    }
    return new Result(
        Double.parseDouble(m.group(1)),
        Double.parseDouble(m.group(2)),
        Double.parseDouble(m.group(3)));
  }

  private static Path peers() {
    String given = System.getProperty("peers");
    if (given != null) {
      return Path.of(given).toAbsolutePath();
    }
    for (Path candidate : new Path[] {Path.of("../shared/peers"), Path.of("../../shared/peers")}) {
      if (Files.isDirectory(candidate)) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("no ../shared/peers here; give -Dpeers=<folder>");
  }

  /**
   * The peer's README asks for the machine's default JDK (17), not the one this benchmark runs on:
   * drops {@code JAVA_HOME} and this JVM's {@code bin} from the {@code PATH} the peer inherits.
   */
  private static void onTheMachinesJdk(ProcessBuilder command) {
    Map<String, String> env = command.environment();
    String ours = Path.of(System.getProperty("java.home")).toString();
    env.remove("JAVA_HOME");
    env.put(
        "PATH",
        Arrays.stream(env.getOrDefault("PATH", "").split(":"))
            .filter(entry -> !entry.startsWith(ours))
            .collect(Collectors.joining(":")));
  }

  /** Runs a command with its output passed through and kept; fails unless it exits 0. */
  private static String exec(ProcessBuilder command) throws IOException, InterruptedException {
    Process process = command.redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    try (var lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        System.out.println("  peer | " + line);
        output.append(line).append('\n');
      }
    }
    if (process.waitFor() != 0) {
      throw new IllegalStateException("the peer exited " + process.exitValue());
    }
    return output.toString();
  }
}
