package io.ordo.orchestrator.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report, in place of its HTML page, for errors that never reach Spring (a request
 * line or headers too large or malformed): problem details like every other error.
 */
public class ProblemReportValve extends ErrorReportValve {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int code = response.getStatus();
    HttpStatus status = HttpStatus.resolve(code);
    if (code < 400 || status == null || response.getContentWritten() > 0) {
      return;
    }
    String message = response.getMessage();
    String detail =
        status.is5xxServerError() || message == null || message.isBlank()
            ? status.getReasonPhrase()
            : message;
    byte[] body =
        JSON.writeValueAsBytes(
            Problems.members(Problems.of(status, Problems.kindOf(status), detail)));
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
      response.finishResponse();
    } catch (IOException | IllegalStateException e) {
      // the client went away or the response is already under way: nothing more to say
    }
  }
}
