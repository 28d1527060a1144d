package io.github.chatwire.omikron.internal;

import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.connection.Outbound;
import io.github.chatwire.core.connection.ProtocolContext;
import io.github.chatwire.omikron.codec.OmikronCodec;
import io.github.chatwire.omikron.codec.WireShape;
import io.github.chatwire.omikron.codec.ttp.TtpCodec;
import io.github.chatwire.omikron.codec.ttp.TtpDecodeException;
import io.github.chatwire.omikron.codec.ttp.TtpLimits;
import io.github.chatwire.omikron.codec.ttp.TtpOmikronMapping;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronFormatException;
import io.github.chatwire.omikron.model.OmikronMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * One wire generation of the Omikron protocol under the one session logic of {@link
 * OmikronProtocolHandler}: how an {@link OmikronMessage} becomes a frame and back, what a message
 * id looks like, and which ids are in flight. {@link #json} is the WebSocket protocol (JSON text
 * frames, UUID ids); {@link #ttp} is TTP (one binary {@code CommunicationValue} per frame, random
 * non-zero u32 ids, mapped once in {@link TtpOmikronMapping}).
 *
 * <p>One instance per connection. Thread-safe: the id registry is locked, the rest is stateless.
 */
public abstract class OmikronWire {
  /** The most ids one connection may hold in flight (pending requests and pings). */
  static final int MAX_IN_FLIGHT = 1 << 16;

  private final Map<String, MessageType> inFlight = new HashMap<>();

  OmikronWire() {}

  /**
   * The WebSocket protocol: JSON text frames in the given envelope shape, UUID ids.
   *
   * @param shape the envelope shape to write; never null
   * @return a new wire for one connection
   */
  public static OmikronWire json(WireShape shape) {
    return new Json(Objects.requireNonNull(shape, "shape"));
  }

  /**
   * TTP: one binary {@code CommunicationValue} per frame (the transport adds the stream framing),
   * random non-zero u32 ids.
   *
   * @param limits the decoder's bounds; never null
   * @param random the source of message ids; never null
   * @return a new wire for one connection
   */
  public static OmikronWire ttp(TtpLimits limits, Random random) {
    return new Ttp(Objects.requireNonNull(limits, "limits"), Objects.requireNonNull(random));
  }

  /**
   * Encodes a message for the transport, tagged with its type.
   *
   * @param m the message; never null
   * @return the frame; never null
   * @throws IllegalArgumentException if this wire cannot carry the message (TTP: a type or key that
   *     TTP does not have, an id that is not a u32); nothing is sent then
   */
  public abstract Outbound encode(OmikronMessage m);

  /**
   * Decodes a text frame; a frame that is not a message is reported to the context and skipped.
   *
   * @param ctx the context to report to; never null
   * @param text the frame; never null
   * @return the message, or null if it was reported instead
   */
  abstract @Nullable OmikronMessage decodeText(ProtocolContext ctx, String text);

  /**
   * Decodes a binary frame; a frame that is not a message is reported to the context and skipped.
   *
   * @param ctx the context to report to; never null
   * @param bytes the frame; never null
   * @return the message, or null if it was reported instead
   */
  abstract @Nullable OmikronMessage decodeBinary(ProtocolContext ctx, byte[] bytes);

  /**
   * Whether {@code identification_response} must say {@code accepted: true} (TTP), or only must not
   * say {@code accepted: false} (the WebSocket servers answer {@code {}}).
   *
   * @return true if acceptance must be explicit
   */
  abstract boolean requiresExplicitAcceptance();

  /**
   * A fresh id in this wire's format (not reserved: for messages that expect no reply).
   *
   * @return the id; never null
   */
  public abstract String newId();

  /**
   * A new message with a fresh id.
   *
   * @param type the type; never null
   * @param data the data; null for empty
   * @return the message; never null
   */
  public final OmikronMessage message(MessageType type, @Nullable OmikronData data) {
    return new OmikronMessage(
        newId(), type, null, null, data == null ? OmikronData.EMPTY : data, null, Map.of());
  }

  /**
   * Reserves a fresh id for a message that expects a reply: never one already in flight on this
   * connection, so two replies can never be confused. Release it with {@link #release}.
   *
   * @param type the type of the message the id is for; never null
   * @return the id; never null
   * @throws IllegalStateException if {@link #MAX_IN_FLIGHT} ids are in flight already
   */
  public final String reserve(MessageType type) {
    synchronized (inFlight) {
      if (inFlight.size() >= MAX_IN_FLIGHT) {
        throw new IllegalStateException(MAX_IN_FLIGHT + " message ids are in flight already");
      }
      String id;
      do {
        id = newId();
      } while (inFlight.containsKey(id));
      inFlight.put(id, type);
      return id;
    }
  }

  /**
   * Ends the reservation of an id (its reply came, or it never will).
   *
   * @param id the id as reserved; null does nothing
   */
  public final void release(@Nullable String id) {
    if (id != null) {
      synchronized (inFlight) {
        inFlight.remove(id);
      }
    }
  }

  /**
   * The type of the message an id in flight was reserved for.
   *
   * @param id the id (its correlation key); may be null
   * @return the type, or null if the id is not in flight
   */
  final @Nullable MessageType reservedFor(@Nullable String id) {
    if (id == null) {
      return null;
    }
    synchronized (inFlight) {
      return inFlight.get(id);
    }
  }

  /**
   * How many ids are in flight.
   *
   * @return the count
   */
  final int inFlight() {
    synchronized (inFlight) {
      return inFlight.size();
    }
  }

  private static final class Json extends OmikronWire {
    private final WireShape shape;

    Json(WireShape shape) {
      this.shape = shape;
    }

    @Override
    public Outbound encode(OmikronMessage m) {
      return Outbound.text(OmikronCodec.encode(m, shape), m.type().wireName());
    }

    @Override
    @Nullable OmikronMessage decodeText(ProtocolContext ctx, String text) {
      return OmikronProtocolHandler.decodeOrReport(ctx, text);
    }

    @Override
    @Nullable OmikronMessage decodeBinary(ProtocolContext ctx, byte[] bytes) {
      ctx.reportError(
          new ProtocolException(
              "unexpected binary message of " + bytes.length + " bytes on a WebSocket Omikron"));
      return null;
    }

    @Override
    boolean requiresExplicitAcceptance() {
      return false;
    }

    @Override
    public String newId() {
      return OmikronMessage.newId();
    }
  }

  private static final class Ttp extends OmikronWire {
    private final TtpCodec codec;
    private final Random random;

    Ttp(TtpLimits limits, Random random) {
      this.codec = new TtpCodec(limits);
      this.random = random;
    }

    @Override
    public Outbound encode(OmikronMessage m) {
      return Outbound.binary(codec.encode(TtpOmikronMapping.toTtp(m)), m.type().wireName());
    }

    @Override
    @Nullable OmikronMessage decodeText(ProtocolContext ctx, String text) {
      ctx.reportError(
          new ProtocolException(
              "a text frame of " + text.length() + " chars on TTP, which carries binary only"));
      return null;
    }

    @Override
    @Nullable OmikronMessage decodeBinary(ProtocolContext ctx, byte[] bytes) {
      try {
        return TtpOmikronMapping.toOmikron(codec.decode(bytes));
      } catch (TtpDecodeException e) {
        ctx.reportError(e);
        return null;
      } catch (OmikronFormatException e) {
        ctx.reportError(e);
        return null;
      }
    }

    @Override
    boolean requiresExplicitAcceptance() {
      return true;
    }

    @Override
    public String newId() {
      synchronized (random) {
        return TtpOmikronMapping.newMessageId(random);
      }
    }
  }
}
