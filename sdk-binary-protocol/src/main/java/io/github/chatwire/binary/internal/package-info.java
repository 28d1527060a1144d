/** Implementation details of the binary client; not a public API. */
@NullMarked
package io.github.chatwire.binary.internal;

import org.jspecify.annotations.NullMarked;
