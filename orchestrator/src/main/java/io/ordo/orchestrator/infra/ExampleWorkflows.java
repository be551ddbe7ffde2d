package io.ordo.orchestrator.infra;

import io.ordo.orchestrator.service.WorkflowService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/** Deploys the example workflows at start-up; deploying unchanged content again is a no-op. */
@Component
@ConditionalOnProperty(
    name = "ordo.examples.workflows",
    havingValue = "true",
    matchIfMissing = true)
class ExampleWorkflows implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(ExampleWorkflows.class);
  private static final String LOCATION = "classpath*:io/ordo/examples/workflows/*.yaml";

  private final WorkflowService workflows;

  ExampleWorkflows(WorkflowService workflows) {
    this.workflows = workflows;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    for (Resource resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
      var deployment = workflows.deploy(resource.getContentAsString(StandardCharsets.UTF_8));
      log.info(
          "example workflow {} v{} {}",
          deployment.name(),
          deployment.version(),
          deployment.created() ? "deployed" : "already deployed");
    }
  }
}
