package io.ordo.orchestrator.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page, in place of Spring Boot's: what fails outside Spring MVC's handlers (a filter,
 * Tomcat's parameter parsing, a {@code sendError}) is answered with problem details too.
 */
@RestController
class ProblemErrorController implements ErrorController {

  private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

  @RequestMapping("${server.error.path:${error.path:/error}}")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer value && HttpStatus.resolve(value) != null
            ? HttpStatus.resolve(value)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    String detail;
    if (status.is5xxServerError()) {
      Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
      log.error(
          "{} failed",
          request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
          failure instanceof Throwable t ? t : null);
      detail = "Ordo could not handle this request; the error is in its log";
    } else {
      Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
      detail = message instanceof String text && !text.isBlank() ? text : status.getReasonPhrase();
    }
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problems.of(status, Problems.kindOf(status), detail));
  }
}
