/**
 * Implementation details of the WebTransport transport: the session over kwik and flupke. Not a
 * public API; may change without notice.
 */
@NullMarked
package io.github.chatwire.webtransport.internal;

import org.jspecify.annotations.NullMarked;
