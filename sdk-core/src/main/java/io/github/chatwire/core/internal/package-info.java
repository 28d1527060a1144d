/** Implementation details of sdk-core. Not public API: may change in any release. */
@NullMarked
package io.github.chatwire.core.internal;

import org.jspecify.annotations.NullMarked;
