/**
 * The binary {@code /api/ws} codec: pure functions from bytes to typed packets and back, in layers
 * — a bounded big-endian {@link io.github.chatwire.binary.codec.PacketReader} / {@link
 * io.github.chatwire.binary.codec.PacketWriter}, packet codecs in a {@link
 * io.github.chatwire.binary.codec.PacketRegistry} per direction, and the {@link
 * io.github.chatwire.binary.codec.MessageCodec} that decodes several packets from one WebSocket
 * message and encodes a batch into one. The handshake is in {@link
 * io.github.chatwire.binary.codec.Handshake}. No I/O, threads or clocks.
 */
@NullMarked
package io.github.chatwire.binary.codec;

import org.jspecify.annotations.NullMarked;
