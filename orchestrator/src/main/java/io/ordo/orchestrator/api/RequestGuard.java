package io.ordo.orchestrator.api;

import io.ordo.orchestrator.service.InvalidRequestException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses, before anything reads or stores it, what the API cannot take: a body over the payload
 * limit (by its declared length, or while a chunked body is read, so no more than the limit is ever
 * buffered) and a path or query holding U+0000, which PostgreSQL cannot store. The refusal goes
 * through the same problem mapper as every other error.
 */
final class RequestGuard extends OncePerRequestFilter {

  private final int maxBodyBytes;
  private final HandlerExceptionResolver problems;

  RequestGuard(int maxBodyBytes, HandlerExceptionResolver problems) {
    this.maxBodyBytes = maxBodyBytes;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Exception refusal = refusal(request);
    if (refusal != null) {
      problems.resolveException(request, response, null, refusal);
      answerNow(response);
      return;
    }
    chain.doFilter(new BoundedBodyRequest(request, maxBodyBytes), response);
    if (response.getStatus() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE) {
      answerNow(response);
    }
  }

  /**
   * Sends a refusal before Tomcat would read (swallow) the rest of a body it was promised — which
   * for a large body it gives up on by dropping the connection, answer unsent — and closes the
   * connection rather than read what was refused.
   */
  private static void answerNow(HttpServletResponse response) throws IOException {
    if (!response.isCommitted()) {
      response.setHeader("Connection", "close");
      response.flushBuffer();
    }
  }

  private @Nullable Exception refusal(HttpServletRequest request) {
    String contentType = request.getContentType();
    if (contentType != null && !isConcrete(contentType)) {
      return new HttpMediaTypeNotSupportedException(
          "Content-Type '"
              + contentType
              + "' is not the media type of a body; send application/json");
    }
    long declared = request.getContentLengthLong();
    if (declared > maxBodyBytes) {
      return BoundedBodyRequest.tooLarge(declared + " bytes", maxBodyBytes);
    }
    String uri = request.getRequestURI();
    String query = request.getQueryString();
    if (holdsNul(uri) || query != null && holdsNul(query)) {
      return new InvalidRequestException(
          "the request's path or query holds U+0000 (%00), which Ordo cannot store", List.of());
    }
    return null;
  }

  private static boolean isConcrete(String contentType) {
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return !type.isWildcardType() && !type.isWildcardSubtype();
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  /** Whether the raw (still encoded) text holds U+0000: Tomcat refuses a literal one itself. */
  private static boolean holdsNul(String raw) {
    return raw.contains("%00");
  }
}
