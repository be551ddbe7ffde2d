package io.ordo.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.dsl.model.WorkflowDefinition;
import org.junit.jupiter.api.Test;

class ExpressionMaskTest {

  @Test
  void hidesYamlIndicatorsOnlyInsidePlaceholdersAndKeepsEveryPosition() {
    String yaml = "input: {a: ${ {'k': [1, 2]}.k }, b: 'x, y'} # ${ c: d }";

    String masked = ExpressionMask.mask(yaml);

    assertThat(masked).hasSameSizeAs(yaml);
    assertThat(masked).startsWith("input: {a: $").contains(", b: 'x, y'} # $");
    assertThat(ExpressionMask.unmask(masked)).isEqualTo(yaml);
  }

  @Test
  void leavesAPlaceholderThatDoesNotCloseOnItsLineAlone() {
    String yaml = "a: ${ input.x\nb: {c: 1}\n";

    assertThat(ExpressionMask.mask(yaml)).isEqualTo(yaml);
  }

  @Test
  void leavesADocumentThatAlreadyHoldsMaskCharactersAlone() {
    String yaml = "description: \"\uE07B private \uE07D\"\ninput: {a: ${ x }}\n";

    assertThat(ExpressionMask.mask(yaml)).isEqualTo(yaml);
  }

  @Test
  void keepsPrivateUseCharactersOfTheUserIntact() {
    ParseResult result =
        new WorkflowParser()
            .parse("name: x\ndescription: \"\uE07B\uE02C\"\nsteps:\n  - {id: a, function: f}\n");

    WorkflowDefinition workflow = ((ParseResult.Valid) result).workflow();
    assertThat(workflow.description()).isEqualTo("\uE07B\uE02C");
  }
}
