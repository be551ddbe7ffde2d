package io.ordo.orchestrator.api;

import io.ordo.orchestrator.service.ConflictException;
import io.ordo.orchestrator.service.InvalidRequestException;
import io.ordo.orchestrator.service.NotFoundException;
import io.ordo.orchestrator.service.UnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place API errors become RFC 9457 problem details. Spring MVC's own errors (bad method,
 * unsupported media type, unreadable body, …) are mapped by the base class and typed here; errors
 * outside Spring MVC reach {@link ProblemErrorController} or, before Spring sees the request,
 * {@link ProblemReportValve}, which build theirs with the same {@link Problems}.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @ExceptionHandler
  ProblemDetail notFound(NotFoundException e) {
    return Problems.of(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
  }

  @ExceptionHandler
  ProblemDetail conflict(ConflictException e) {
    return Problems.of(HttpStatus.CONFLICT, "conflict", e.getMessage());
  }

  @ExceptionHandler
  ProblemDetail invalid(InvalidRequestException e) {
    ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", e.getMessage());
    problem.setProperty("errors", e.errors());
    return problem;
  }

  @ExceptionHandler
  ProblemDetail unavailable(UnavailableException e) {
    return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", e.getMessage());
  }

  @ExceptionHandler
  ProblemDetail tooLarge(PayloadTooLargeException e) {
    return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", e.getMessage());
  }

  /** Tomcat could not decode the query or form parameters (not UTF-8, a broken %-escape). */
  @ExceptionHandler
  ProblemDetail undecodableParameters(InvalidParameterException e) {
    return Problems.of(
        HttpStatus.BAD_REQUEST,
        "invalid-request",
        "the query's parameters are not percent-encoded UTF-8: " + e.getMessage());
  }

  /** Anything else is Ordo's fault: logged once here, answered without its internals. */
  @ExceptionHandler
  ProblemDetail internal(Exception e, HttpServletRequest request) {
    log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
    return Problems.of(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal",
        "Ordo could not handle this request; the error is in its log");
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex,
      @Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    ResponseEntity<Object> response =
        super.handleExceptionInternal(ex, body, headers, statusCode, request);
    HttpStatus status = HttpStatus.resolve(statusCode.value());
    if (response != null && response.getBody() instanceof ProblemDetail problem && status != null) {
      problem.setType(URI.create("urn:ordo:problem:" + Problems.kindOf(status)));
    }
    return response;
  }
}
