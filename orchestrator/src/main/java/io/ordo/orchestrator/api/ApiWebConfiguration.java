package io.ordo.orchestrator.api;

import io.ordo.orchestrator.OrdoProperties;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** What guards the API before a controller sees a request, and Tomcat's own error page. */
@Configuration(proxyBeanMethods = false)
class ApiWebConfiguration {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReports() {
    return factory ->
        factory.addContextCustomizers(
            context -> {
              if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
              }
            });
  }

  @Bean
  FilterRegistrationBean<RequestGuard> requestGuard(
      OrdoProperties properties,
      @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
    var registration =
        new FilterRegistrationBean<>(
            new RequestGuard(properties.api().maxPayloadBytes(), problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    registration.addUrlPatterns("/api/*");
    return registration;
  }
}
