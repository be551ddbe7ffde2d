package io.ordo.dsl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class DslArchitectureTest {

  private static final JavaClasses DSL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.ordo.dsl");

  @Test
  void dependsOnNoFrameworkOrInfrastructure() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "java.sql..", "org.apache.kafka..")
        .because("the DSL is a plain library that the engine, the API and tests all build on")
        .check(DSL);
  }

  @Test
  void doesNoNetworkOrFileIo() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.net..", "java.nio.file..")
        .because("parsing a definition must be a pure function of its text")
        .check(DSL);
  }

  @Test
  void keepsExpressionsFreeOfYaml() {
    noClasses()
        .that()
        .resideInAPackage("io.ordo.dsl.expr..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.snakeyaml..", "io.ordo.dsl")
        .because(
            "templates are built from any JSON source; YAML positions are the parser's concern")
        .check(DSL);
  }

  @Test
  void keepsTheModelFreeOfParsingLibraries() {
    noClasses()
        .that()
        .resideInAPackage("io.ordo.dsl.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.snakeyaml..", "dev.cel..", "com.networknt..")
        .because("the engine reads the model and must not see how it was parsed")
        .check(DSL);
  }
}
