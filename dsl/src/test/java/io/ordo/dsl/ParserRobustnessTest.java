package io.ordo.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever the text, parse answers Valid or Invalid with located violations; it never throws. */
class ParserRobustnessTest {

  private static final String YAML_NOISE = "{}[]:,-?&*!|>'\"%@`#\n \t${}\\~.0123456789abcxyz";
  private static final long BUDGET_NANOS = 2_000_000_000L;

  private final WorkflowParser parser = new WorkflowParser();
  private final Random random = new Random(20240611L); // fixed: a failure must be reproducible

  @Test
  void neverThrowsOnMutatedOrRandomInput() {
    List<String> seeds = Corpus.valid().map(Corpus::read).toList();
    List<String> inputs = new ArrayList<>(handPicked());
    for (int i = 0; i < 400; i++) {
      inputs.add(i % 4 == 0 ? randomText() : mutate(seeds.get(i % seeds.size())));
    }
    long deadline = System.nanoTime() + BUDGET_NANOS;
    int parsed = 0;

    for (String input : inputs) {
      if (System.nanoTime() > deadline && parsed >= 100) {
        break; // a slow machine still checks a fair sample, and the test stays quick
      }
      ParseResult result = parser.parse(input);
      parsed++;

      if (result instanceof ParseResult.Invalid invalid) {
        assertThat(invalid.violations())
            .as("violations for %s", input)
            .isNotEmpty()
            .allSatisfy(
                v -> assertThat(v.line() > 0 && v.column() > 0 && !v.path().isBlank()).isTrue());
      }
    }
    assertThat(parsed).isGreaterThanOrEqualTo(100);
  }

  private static List<String> handPicked() {
    return List.of(
        "",
        " ",
        "\n\n",
        "~",
        "null",
        "[]",
        "{}",
        "---",
        "--- !!binary AAAA",
        "...",
        "%YAML 1.2\n---\n",
        "name: x\nsteps: !!set {a, b}",
        "? [a]\n: b",
        "name: &a x\nsteps: *a",
        "*undefined",
        "[".repeat(10_000),
        "{a: ".repeat(5_000),
        "- ".repeat(5_000),
        "a:\n" + "  ".repeat(3_000) + "b",
        "name: x\nsteps:\n  - id: a\n    function: f\n    input: ${ "
            + "(".repeat(500)
            + "1"
            + ")".repeat(500)
            + " }",
        "name: x\nsteps:\n  - id: a\n    function: f\n    input: \"${ '"
            + "}".repeat(100)
            + "' }\"",
        "name: x\nsteps:\n  - {id: a, function: f, input: \uE07B}\n",
        "name: x\nsteps:\n  - {id: a, function: f, input: {${ }: 1}}\n",
        "\uFEFFname: x",
        "name: \"\\ud800\"",
        "\u0000",
        "name: x\r\nsteps: []\r\n");
  }

  private String mutate(String seed) {
    StringBuilder text = new StringBuilder(seed);
    int edits = 1 + random.nextInt(6);
    for (int i = 0; i < edits && !text.isEmpty(); i++) {
      int at = random.nextInt(text.length());
      switch (random.nextInt(4)) {
        case 0 -> text.deleteCharAt(at);
        case 1 -> text.insert(at, noise());
        case 2 -> text.setCharAt(at, noise());
        default ->
            text.insert(at, text.substring(at, Math.min(text.length(), at + random.nextInt(40))));
      }
    }
    return text.toString();
  }

  private String randomText() {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(300);
    for (int i = 0; i < length; i++) {
      text.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x3000) : noise());
    }
    return text.toString();
  }

  private char noise() {
    return YAML_NOISE.charAt(random.nextInt(YAML_NOISE.length()));
  }
}
