package io.github.chatwire.binary.codec;

import io.github.chatwire.binary.model.ClientboundPacket;
import io.github.chatwire.binary.model.ServerboundPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The message layer: decodes every packet of one inbound WebSocket message, and encodes a batch of
 * outbound packets into one message. Immutable, thread-safe and pure.
 *
 * @param <I> the inbound direction
 * @param <O> the outbound direction
 */
public final class MessageCodec<I, O> {
  /** The default bound on packets decoded from one message. */
  public static final int DEFAULT_MAX_PACKETS = 65_536;

  private final PacketRegistry<I> inbound;
  private final PacketRegistry<O> outbound;
  private final int maxPackets;
  private final int maxMessageBytes;

  /** One reader per decoding thread, re-pointed at each message instead of a new one per call. */
  private final ThreadLocal<PacketReader> readers =
      ThreadLocal.withInitial(() -> new PacketReader(new byte[0]));

  /**
   * Creates a message codec.
   *
   * @param inbound the codecs of received packets; never null
   * @param outbound the codecs of sent packets; never null
   * @param maxPackets the most packets decoded from one message; at least 1
   * @param maxMessageBytes the largest message {@link #encode} produces; at least 1
   */
  public MessageCodec(
      PacketRegistry<I> inbound, PacketRegistry<O> outbound, int maxPackets, int maxMessageBytes) {
    this.inbound = Objects.requireNonNull(inbound, "inbound");
    this.outbound = Objects.requireNonNull(outbound, "outbound");
    if (maxPackets < 1 || maxMessageBytes < 1) {
      throw new IllegalArgumentException("bounds must be at least 1");
    }
    this.maxPackets = maxPackets;
    this.maxMessageBytes = maxMessageBytes;
  }

  /**
   * The client's codec with the spec's packets and no settings.
   *
   * @return the codec
   */
  public static MessageCodec<ClientboundPacket, ServerboundPacket> client() {
    return client(PacketRegistry.clientbound(), SettingRegistry.defaults());
  }

  /**
   * The client's codec.
   *
   * @param clientbound the received packets; never null
   * @param settings the settings the Settings packet may carry; never null
   * @return the codec
   */
  public static MessageCodec<ClientboundPacket, ServerboundPacket> client(
      PacketRegistry<ClientboundPacket> clientbound, SettingRegistry settings) {
    return new MessageCodec<>(
        clientbound,
        PacketRegistry.serverbound(settings),
        DEFAULT_MAX_PACKETS,
        PacketWriter.DEFAULT_MAX_BYTES);
  }

  /**
   * A server's codec (for fake servers and tests).
   *
   * @param settings the settings the Settings packet may carry; never null
   * @return the codec
   */
  public static MessageCodec<ServerboundPacket, ClientboundPacket> server(
      SettingRegistry settings) {
    return server(PacketRegistry.clientbound(), settings);
  }

  /**
   * A server's codec (for fake servers and tests).
   *
   * @param clientbound the packets the server sends; never null
   * @param settings the settings the Settings packet may carry; never null
   * @return the codec
   */
  public static MessageCodec<ServerboundPacket, ClientboundPacket> server(
      PacketRegistry<ClientboundPacket> clientbound, SettingRegistry settings) {
    return new MessageCodec<>(
        PacketRegistry.serverbound(settings),
        clientbound,
        DEFAULT_MAX_PACKETS,
        PacketWriter.DEFAULT_MAX_BYTES);
  }

  /**
   * The inbound registry.
   *
   * @return the registry; never null
   */
  public PacketRegistry<I> inbound() {
    return inbound;
  }

  /**
   * The outbound registry.
   *
   * @return the registry; never null
   */
  public PacketRegistry<O> outbound() {
    return outbound;
  }

  /**
   * Decodes every packet of one message. Never throws for bad bytes: decoding stops at the first
   * unknown packet id ({@link UnknownPacketException}) or malformed packet ({@link
   * MalformedPacketException}) and the result keeps what came before.
   *
   * @param message the message bytes; never null; not modified
   * @return the packets and the error, if any; never null
   */
  public DecodedMessage<I> decode(byte[] message) {
    Objects.requireNonNull(message, "message");
    PacketReader kept = readers.get();
    if (!kept.claim(message)) {
      return decode(new PacketReader(message));
    }
    try {
      return decode(kept);
    } finally {
      kept.release();
    }
  }

  /**
   * Decodes into at most the result objects: the first two packets are held in locals and the
   * result list is {@code List.of(...)} of them (which {@link DecodedMessage} keeps as it is); only
   * a message of three or more packets needs a growing list.
   */
  private DecodedMessage<I> decode(PacketReader in) {
    I first = null;
    I second = null;
    List<I> more = null;
    int count = 0;
    BinaryProtocolException error = null;
    while (in.remaining() > 0) {
      int offset = in.position();
      if (count >= maxPackets) {
        error =
            new MalformedPacketException(
                -1, offset, "more than " + maxPackets + " packets in one message");
        break;
      }
      int id = in.readUnsignedByte();
      PacketCodec<? extends I> codec = inbound.codec(id);
      if (codec == null) {
        error = new UnknownPacketException(id, offset);
        break;
      }
      in.packetId(id);
      I packet;
      try {
        packet = codec.read(in);
      } catch (BinaryProtocolException e) {
        error = e;
        break;
      } catch (RuntimeException e) {
        // A registered codec failed in its own way: keep it a typed protocol error.
        error =
            new MalformedPacketException(
                id, in.position(), "codec failed: " + e.getClass().getSimpleName());
        break;
      }
      if (packet == null) {
        error = new MalformedPacketException(id, offset, "codec returned no packet");
        break;
      }
      in.packetId(-1);
      if (count == 0) {
        first = packet;
      } else if (count == 1) {
        second = packet;
      } else {
        if (more == null) {
          more = new ArrayList<>();
          more.add(first);
          more.add(second);
        }
        more.add(packet);
      }
      count++;
    }
    List<I> packets =
        count == 0
            ? List.of()
            : count == 1
                ? List.of(first)
                : count == 2 ? List.of(first, second) : Objects.requireNonNull(more);
    return new DecodedMessage<>(packets, error);
  }

  /**
   * Encodes packets into one message, each its id followed by its arguments.
   *
   * @param packets the packets in order; never null, not empty, no null element
   * @return the message bytes
   * @throws IllegalArgumentException if a packet type is not registered, a value cannot be encoded,
   *     or the message would exceed the size bound
   */
  public byte[] encode(List<? extends O> packets) {
    Objects.requireNonNull(packets, "packets");
    if (packets.isEmpty()) {
      throw new IllegalArgumentException("nothing to encode");
    }
    PacketWriter out = new PacketWriter(maxMessageBytes);
    for (O p : packets) {
      Objects.requireNonNull(p, "packet");
      writePacket(p, out);
    }
    return out.toByteArray();
  }

  /**
   * Encodes one packet into one message.
   *
   * @param packet the packet; never null
   * @return the message bytes
   * @throws IllegalArgumentException as {@link #encode(List)}
   */
  public byte[] encode(O packet) {
    return encode(List.of(packet));
  }

  private void writePacket(O packet, PacketWriter out) {
    @SuppressWarnings("unchecked")
    PacketCodec<O> codec = (PacketCodec<O>) outbound.codecFor(packet.getClass());
    if (codec == null) {
      throw new IllegalArgumentException(
          "no codec registered for " + packet.getClass().getSimpleName());
    }
    out.writeByte(codec.id());
    codec.write(packet, out);
  }
}
