package io.ordo.orchestrator.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.ordo", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule engineStaysPure =
      noClasses()
          .that()
          .resideInAPackage("io.ordo.orchestrator.engine..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..",
              "java.sql..",
              "javax.sql..",
              "org.apache.kafka..",
              "org.slf4j..",
              "io.ordo.orchestrator.store..",
              "io.ordo.orchestrator.kafka..",
              "io.ordo.orchestrator.service..",
              "io.ordo.orchestrator.api..")
          .because(
              "the engine must stay pure: a function of state, event and time, testable alone");

  @ArchTest
  static final ArchRule engineReadsNoClock =
      noClasses()
          .that()
          .resideInAPackage("io.ordo.orchestrator.engine..")
          .should()
          .callMethod(java.time.Instant.class, "now")
          .orShould()
          .callMethod(java.util.UUID.class, "randomUUID")
          .orShould()
          .callMethod(Math.class, "random")
          .because("time and randomness arrive as arguments, so a transition can be replayed");

  @ArchTest
  static final ArchRule dslHasNoSpringOrIo =
      noClasses()
          .that()
          .resideInAPackage("io.ordo.dsl..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..", "java.sql..", "org.apache.kafka..", "java.net..")
          .because("the DSL is a plain library: YAML in, a validated model out");

  @ArchTest
  static final ArchRule onlyTheApiSpeaksHttp =
      noClasses()
          .that()
          .resideInAnyPackage("io.ordo.orchestrator.service..", "io.ordo.orchestrator.store..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.springframework.web..")
          .because(
              "HTTP is one adapter among several; services must not know they are called over it");
}
