/**
 * The TTP (E4) binary codec of the Tensamin network: {@link
 * io.github.chatwire.omikron.codec.ttp.TtpCodec} for one {@code CommunicationValue}, {@link
 * io.github.chatwire.omikron.codec.ttp.TtpStreamDecoder} for the stream framing (outer {@code u32}
 * length, {@code 0xFFFFFFFF} close frame), the ordered type and key lists ({@link
 * io.github.chatwire.omikron.codec.ttp.TtpMessageTypes}, {@link
 * io.github.chatwire.omikron.codec.ttp.TtpDataKeys}), and {@link
 * io.github.chatwire.omikron.codec.ttp.TtpOmikronMapping}, the one bridge to the Omikron model of
 * the WebSocket protocol. Pure: no I/O, threads or clocks. See {@code docs/TTP.md}.
 */
@NullMarked
package io.github.chatwire.omikron.codec.ttp;

import org.jspecify.annotations.NullMarked;
