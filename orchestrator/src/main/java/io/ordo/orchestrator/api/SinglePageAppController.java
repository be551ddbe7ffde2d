package io.ordo.orchestrator.api;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the web UI's index page for its own routes ({@code /runs/…}, {@code /workflows/…}), so a
 * reload or a shared link opens the right page. Paths with a dot are files; the API is elsewhere.
 */
@Controller
public class SinglePageAppController {

  @GetMapping({
    "/",
    "/runs",
    "/runs/{id:[^.]*}",
    "/workflows",
    "/workflows/{name:[^.]*}",
    "/workflows/{name:[^.]*}/versions/{version:[^.]*}",
    "/functions",
    "/deploy"
  })
  public String index() {
    return "forward:/index.html";
  }
}
