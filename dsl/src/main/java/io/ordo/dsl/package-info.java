/**
 * Turns a workflow's YAML into a validated, immutable {@link io.ordo.dsl.model.WorkflowDefinition}.
 */
@NullMarked
package io.ordo.dsl;

import org.jspecify.annotations.NullMarked;
