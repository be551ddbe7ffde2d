package io.ordo.orchestrator.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * How every error of the API looks (RFC 9457): a type of Ordo's own ({@code
 * urn:ordo:problem:<kind>}), the status and a detail a person can act on. The controller advice,
 * the error page and Tomcat's error report all build theirs here.
 */
final class Problems {

  private Problems() {}

  static ProblemDetail of(HttpStatus status, String kind, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create("urn:ordo:problem:" + kind));
    return problem;
  }

  /** The kind of problem a status stands for when nothing more specific is known. */
  static String kindOf(HttpStatus status) {
    return switch (status) {
      case BAD_REQUEST -> "invalid-request";
      case NOT_FOUND -> "not-found";
      case METHOD_NOT_ALLOWED -> "method-not-allowed";
      case CONTENT_TOO_LARGE -> "payload-too-large";
      case REQUEST_HEADER_FIELDS_TOO_LARGE -> "headers-too-large";
      case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
      case NOT_ACCEPTABLE -> "not-acceptable";
      case SERVICE_UNAVAILABLE -> "unavailable";
      default -> status.is5xxServerError() ? "internal" : "http-" + status.value();
    };
  }

  /** The problem's members as a map, for writers without Spring's message converters. */
  static Map<String, Object> members(ProblemDetail problem) {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("type", problem.getType().toString());
    members.put("title", problem.getTitle());
    members.put("status", problem.getStatus());
    if (problem.getDetail() != null) {
      members.put("detail", problem.getDetail());
    }
    if (problem.getInstance() != null) {
      members.put("instance", problem.getInstance().toString());
    }
    return members;
  }
}
