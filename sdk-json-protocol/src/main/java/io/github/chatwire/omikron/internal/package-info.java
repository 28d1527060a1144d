/** Implementation details of the Omikron connections; not a public API, may change at any time. */
@NullMarked
package io.github.chatwire.omikron.internal;

import org.jspecify.annotations.NullMarked;
