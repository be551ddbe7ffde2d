package io.ordo.orchestrator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class OrdoApplication {

  public static void main(String[] args) {
    SpringApplication.run(OrdoApplication.class, args);
  }
}
