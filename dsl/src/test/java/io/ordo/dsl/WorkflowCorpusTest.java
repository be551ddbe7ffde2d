package io.ordo.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under workflows/invalid is named after the rule it breaks and may state the violation
 * it expects in leading comments: {@code # expect: steps[0].id (line 4, column 9): message part}.
 */
class WorkflowCorpusTest {

  private static final Pattern EXPECT =
      Pattern.compile("^# expect: (.+?) \\(line (\\d+), column (\\d+)\\)(?:: (.*))?$");

  private final WorkflowParser parser = new WorkflowParser();

  record Expected(String path, int line, int column, String messagePart) {}

  static Stream<Path> invalidFiles() {
    return Corpus.invalid();
  }

  static Stream<Path> validFiles() {
    return Corpus.valid();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFiles")
  void rejectsEachInvalidFileWithLocatedViolations(Path file) {
    String yaml = Corpus.read(file);

    ParseResult result = parser.parse(yaml);

    assertThat(result).isInstanceOf(ParseResult.Invalid.class);
    List<Violation> violations = ((ParseResult.Invalid) result).violations();
    assertThat(violations)
        .isNotEmpty()
        .allSatisfy(
            v -> {
              assertThat(v.path()).isNotBlank();
              assertThat(v.line()).isPositive();
              assertThat(v.column()).isPositive();
              assertThat(v.message()).isNotBlank();
            });
    for (Expected expected : expectations(yaml)) {
      assertThat(violations)
          .as("violations of %s", file.getFileName())
          .anySatisfy(
              v -> {
                assertThat(v.path()).isEqualTo(expected.path());
                assertThat(v.line()).isEqualTo(expected.line());
                assertThat(v.column()).isEqualTo(expected.column());
                assertThat(v.message()).contains(expected.messagePart());
              });
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFiles")
  void acceptsEachValidFile(Path file) {
    ParseResult result = parser.parse(Corpus.read(file));

    assertThat(result).isInstanceOf(ParseResult.Valid.class);
  }

  @Test
  void coversAtLeastFifteenRulesEachStatingItsExpectedViolation() {
    List<Path> files = Corpus.invalid().toList();

    assertThat(files).hasSizeGreaterThanOrEqualTo(15);
    assertThat(files).allSatisfy(f -> assertThat(expectations(Corpus.read(f))).isNotEmpty());
  }

  private static List<Expected> expectations(String yaml) {
    return yaml.lines()
        .takeWhile(line -> line.startsWith("#"))
        .map(EXPECT::matcher)
        .filter(Matcher::matches)
        .map(
            m ->
                new Expected(
                    m.group(1),
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)),
                    m.group(4) == null ? "" : m.group(4)))
        .toList();
  }
}
