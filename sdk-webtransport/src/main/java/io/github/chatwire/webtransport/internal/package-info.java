/**
 * Implementation details of the WebTransport transport: the session over kwik and flupke. Not a
 * public API; may change without notice.
 */
package io.github.chatwire.webtransport.internal;
