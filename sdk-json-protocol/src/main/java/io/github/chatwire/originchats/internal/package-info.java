/** Implementation details of the OriginChats client; not a public API. */
@NullMarked
package io.github.chatwire.originchats.internal;

import org.jspecify.annotations.NullMarked;
