package io.ordo.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of {@link WorkflowParser}: whatever the text, it returns a workflow or
 * violations that each have a path, a line and a column from 1 and a message. It never throws.
 *
 * <p>The build runs this class in a JVM of its own with {@code JAZZER_FUZZ} set, so that it fuzzes
 * for {@code ordo.fuzz.duration} (dsl/pom.xml), keeping its corpus in {@code target/jazzer/};
 * elsewhere (an IDE, {@code -Dordo.fuzz=false}) it only replays the seeds in {@code
 * WorkflowParserFuzzTestInputs/}. Jazzer fuzzes one {@code @FuzzTest} per JVM and skips the others,
 * so this one target takes both kinds of input: by its last byte, each is arbitrary text or a
 * generated workflow (a seed file that ends in a newline is text).
 *
 * <p>An input that breaks the parser is saved as {@code target/jazzer/crash-…}, and the failure
 * quotes it as a Java literal: add it below as a plain test, {@code @Disabled("found by fuzzing:
 * …")} until the parser is fixed.
 */
class WorkflowParserFuzzTest {

  private final WorkflowParser parser = new WorkflowParser();

  @FuzzTest
  @DictionaryFile(resourcePath = "WorkflowParserFuzzTest.dict")
  void parserAnswersEveryTextWithAWorkflowOrLocatedViolations(FuzzedDataProvider data) {
    String yaml =
        data.consumeBoolean() ? FuzzedWorkflow.from(data) : data.consumeRemainingAsString();

    ParseResult result = parse(yaml);

    assertAnswered(yaml, result);
  }

  /** Parses, and names the input of an exception as a Java literal to paste into a test here. */
  private ParseResult parse(String yaml) {
    try {
      return parser.parse(yaml);
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError("parse threw on " + javaLiteral(yaml), e);
    }
  }

  private static void assertAnswered(String yaml, ParseResult result) {
    switch (result) {
      case ParseResult.Valid valid ->
          assertThat(valid.workflow()).as(() -> "workflow of " + javaLiteral(yaml)).isNotNull();
      case ParseResult.Invalid invalid ->
          assertThat(invalid.violations())
              .as(() -> "violations of " + javaLiteral(yaml))
              .isNotEmpty()
              .allSatisfy(
                  violation -> {
                    assertThat(violation.path()).as("path of %s", violation).isNotBlank();
                    assertThat(violation.line()).as("line of %s", violation).isPositive();
                    assertThat(violation.column()).as("column of %s", violation).isPositive();
                    assertThat(violation.message()).as("message of %s", violation).isNotBlank();
                  });
    }
  }

  private static String javaLiteral(String text) {
    StringBuilder literal = new StringBuilder("\"");
    text.chars()
        .forEach(
            c ->
                literal.append(
                    switch (c) {
                      case '"' -> "\\\"";
                      case '\\' -> "\\\\";
                      case '\n' -> "\\n";
                      case '\r' -> "\\r";
                      default ->
                          c < 0x20 || c > 0x7e
                              ? String.format("\\u%04x", c)
                              : String.valueOf((char) c);
                    }));
    return literal.append('"').toString();
  }
}
