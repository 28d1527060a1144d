/**
 * Pure OriginChats codec: JSON text to immutable trees and typed {@link
 * io.github.chatwire.originchats.model.ServerFrame}s and back. No I/O, threads or clocks.
 */
@NullMarked
package io.github.chatwire.originchats.codec;

import org.jspecify.annotations.NullMarked;
