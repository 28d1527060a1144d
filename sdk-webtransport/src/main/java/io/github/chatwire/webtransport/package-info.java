/**
 * A WebTransport (HTTP/3 over QUIC) {@link io.github.chatwire.core.transport.Transport} for the TTP
 * Omikron protocol: {@link io.github.chatwire.webtransport.WebTransportTransport}. JVM only
 * (flupke's HTTP/3 client is a {@code java.net.http.HttpClient}, which Android lacks).
 */
@NullMarked
package io.github.chatwire.webtransport;

import org.jspecify.annotations.NullMarked;
