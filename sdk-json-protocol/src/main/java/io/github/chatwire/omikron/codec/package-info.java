/**
 * Pure functions for the Omikron wire format: the envelope codec ({@link
 * io.github.chatwire.omikron.codec.OmikronCodec}) and the X448 challenge cryptography ({@link
 * io.github.chatwire.omikron.codec.X448Challenge}) and the end-to-end ciphers of direct messages
 * ({@link io.github.chatwire.omikron.codec.MessageCipher}). No I/O, threads or clocks.
 */
@NullMarked
package io.github.chatwire.omikron.codec;

import org.jspecify.annotations.NullMarked;
