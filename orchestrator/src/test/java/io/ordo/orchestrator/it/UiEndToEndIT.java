package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI end to end: runs {@code node --test} on {@code ui/e2e/} (headless Chromium driven by
 * playwright-core) against this whole Ordo, which serves the built UI from the ordo-ui jar. Skipped
 * where there is no Chromium, unless {@code ORDO_REQUIRE_BROWSER=1} says it must run.
 */
class UiEndToEndIT extends OrdoIT {

  private static final Logger log = LoggerFactory.getLogger(UiEndToEndIT.class);
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path E2E = Path.of("ui", "e2e");
  private static final Duration LIMIT = Duration.ofMinutes(5);

  @Test
  void operatesRunsAndWorkflowsThroughTheUiInABrowser() throws Exception {
    requireOrSkip(
        Files.isExecutable(CHROMIUM),
        "no Chromium at " + CHROMIUM + " (apt-get install -y chromium)");
    requireOrSkip(
        Files.isDirectory(REPO.resolve("ui/node_modules/playwright-core")),
        "ui/node_modules has no playwright-core: build the ui module without -Dskip.ui first");
    assertThat(getClass().getResource("/static/index.html"))
        .as("the UI's index.html on the classpath: build the ui module (ordo-ui) before this test")
        .isNotNull();

    ProcessBuilder builder =
        new ProcessBuilder(command()).directory(REPO.toFile()).redirectErrorStream(true);
    builder.environment().put("ORDO_URL", "http://localhost:" + port);
    Process node = builder.start();
    Thread pump = Thread.ofVirtual().start(() -> streamToLog(node));
    boolean finished = node.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      node.descendants().forEach(ProcessHandle::destroyForcibly);
      node.destroyForcibly();
      fail("the UI end-to-end tests did not finish within " + LIMIT);
    }
    pump.join(Duration.ofSeconds(5));

    assertThat(node.exitValue())
        .as(
            "exit code of node --test %s (its output is in the log above; screenshots in ui/target/screenshots/)",
            E2E)
        .isZero();
  }

  private static List<String> command() throws IOException {
    // Test files are named rather than the folder given: Node 20 and Node 22 read a folder
    // differently.
    List<String> command = new ArrayList<>(List.of("node", "--test", "--test-reporter=spec"));
    try (Stream<Path> files = Files.list(REPO.resolve(E2E))) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".test.mjs"))
          .sorted()
          .forEach(f -> command.add(REPO.relativize(f).toString()));
    }
    assertThat(command).as("test files in %s", E2E).hasSizeGreaterThan(3);
    return command;
  }

  private static void requireOrSkip(boolean present, String what) {
    if (present) {
      return;
    }
    if ("1".equals(System.getenv("ORDO_REQUIRE_BROWSER"))) {
      fail("ORDO_REQUIRE_BROWSER=1, but the UI end-to-end tests cannot run: " + what);
    }
    assumeTrue(false, "skipping the UI end-to-end tests: " + what);
  }

  private static void streamToLog(Process process) {
    try (var lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      lines.lines().forEach(line -> log.info("[ui-e2e] {}", line));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
