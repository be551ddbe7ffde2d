package io.ordo.dsl;

/**
 * What the readers of one parse share: its violations, the settings readers, the workflow's
 * defaults and the outline of its steps, which expression scopes are computed from.
 */
record ReadContext(
    Violations violations,
    Scalars scalars,
    TemplateReader templates,
    RetryReader retries,
    Defaults defaults,
    StepOutline outline) {}
