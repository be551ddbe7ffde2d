package io.ordo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time and memory of processes, from {@code /proc}: figures that load from other processes on
 * the machine disturbs less than wall-clock time.
 */
final class ProcessCpu {

  private ProcessCpu() {}

  /** CPU used so far, in ms, by Ordo's JVM, PostgreSQL, and this JVM (the broker and clients). */
  record Reading(long ordo, long postgres, long bench) {

    static Reading of(BenchEnvironment env) throws IOException {
      return new Reading(
          millis(env.ordo().pid()),
          postgresMillis(env.postgres().dataDirectory()),
          millis(ProcessHandle.current().pid()));
    }

    /** The CPU used since {@code earlier}. */
    Reading since(Reading earlier) {
      return new Reading(ordo - earlier.ordo, postgres - earlier.postgres, bench - earlier.bench);
    }
  }

  /** CPU time (user + system) a process has used so far, in ms; 0 once it is gone. */
  static long millis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields 14 and 15 of stat(5), counted after the command: utime, stime, in ticks of 10 ms
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  /**
   * CPU time of a PostgreSQL server and every backend it ever ran, in ms: the postmaster's own time
   * plus its children's, the reaped ones' included (fields 16 and 17, cutime and cstime) and the
   * live ones'.
   */
  static long postgresMillis(Path dataDirectory) throws IOException {
    long postmaster =
        Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst());
    String stat = Files.readString(Path.of("/proc", Long.toString(postmaster), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long total = 0;
    for (int i = 11; i <= 14; i++) {
      total += Long.parseLong(fields[i]) * 10;
    }
    for (long child : children(postmaster)) {
      total += millis(child);
    }
    return total;
  }

  /** Resident memory of a process, in MiB. */
  static long residentMebibytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException gone) {
      // ended
    }
    return 0;
  }

  private static List<Long> children(long parent) throws IOException {
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(parent), "task"))) {
      return tasks.flatMap(task -> childrenOf(task.resolve("children"))).toList();
    }
  }

  private static Stream<Long> childrenOf(Path file) {
    try {
      String text = Files.readString(file).strip();
      return text.isEmpty() ? Stream.empty() : Stream.of(text.split(" ")).map(Long::parseLong);
    } catch (IOException gone) {
      return Stream.empty();
    }
  }
}
