package io.ordo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.dsl.ParseResult;
import io.ordo.dsl.WorkflowParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExampleWorkflowsTest {

  private static final Pattern FUNCTION =
      Pattern.compile("(?m)^\\s*function:\\s*([A-Za-z0-9._-]+)");

  @ParameterizedTest
  @ValueSource(strings = {"order-fulfillment.yaml", "order-with-approval.yaml", "echo.yaml"})
  void isAValidWorkflow(String file) throws IOException {
    ParseResult result = new WorkflowParser().parse(read(file));

    assertThat(result).isInstanceOf(ParseResult.Valid.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"order-fulfillment.yaml", "order-with-approval.yaml", "echo.yaml"})
  void callsOnlyFunctionsTheExampleWorkersProvide(String file) throws IOException {
    Matcher matcher = FUNCTION.matcher(read(file));
    List<String> functions = matcher.results().map(match -> match.group(1)).toList();

    assertThat(functions).isNotEmpty();
    assertThat(ExampleFunctions.names()).containsAll(functions);
  }

  private static String read(String file) throws IOException {
    try (InputStream in = ExampleWorkflowsTest.class.getResourceAsStream("workflows/" + file)) {
      assertThat(in).as(file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
