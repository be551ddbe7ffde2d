/** Application services: apply events to runs transactionally, start runs, deploy workflows. */
@NullMarked
package io.ordo.orchestrator.service;

import org.jspecify.annotations.NullMarked;
