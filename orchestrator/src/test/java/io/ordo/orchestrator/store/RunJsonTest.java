package io.ordo.orchestrator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RunJsonTest {

  private final RunJson json = new RunJson(JsonMapper.builder().build());

  private static final String OLDER_HEAD =
      """
      {"runId":"6129526d-c833-466d-8159-7be378d58b4a","workflow":"w","version":1,
       "status":"COMPENSATING","startedAt":"2026-12-01T00:00:00Z",
       "updatedAt":"2026-12-01T00:00:00Z"}""";

  private static final String FOR_EACH =
      """
      {"stepId":"each","definitionId":"each","kind":"FORWARD","type":"forEach",
       "status":"COMPLETED","attempts":[],"attemptsBefore":0,"started":3,"finished":3}""";

  @Test
  void aHeadWrittenBeforeUndoneIterationsWereCountedReadsAsNothingUndoneYet() {
    var run = json.assemble(OLDER_HEAD, "{}", List.of(new RunJson.StoredStep(FOR_EACH, "[1,2,3]")));

    assertThat(run.undone()).isEmpty();
    assertThat(run.steps().getFirst().items()).hasSize(3);
  }

  @Test
  void theUndoneCountsAreKeptInTheHead() {
    String head = OLDER_HEAD.substring(0, OLDER_HEAD.length() - 1) + ",\"undone\":{\"each\":2}}";
    var run = json.assemble(head, "{}", List.of(new RunJson.StoredStep(FOR_EACH, "[1,2,3]")));

    assertThat(run.undone()).isEqualTo(Map.of("each", 2));
    assertThat(json.head(run)).contains("\"undone\":{\"each\":2}");
  }
}
