/** The immutable workflow model: what a deployed definition says, with defaults already applied. */
@NullMarked
package io.ordo.dsl.model;

import org.jspecify.annotations.NullMarked;
