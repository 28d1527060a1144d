package io.github.chatwire.testkit.tauri;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.incubator.codec.quic.QuicChannel;
import io.netty.incubator.codec.quic.QuicServerCodecBuilder;
import io.netty.incubator.codec.quic.QuicSslContext;
import io.netty.incubator.codec.quic.QuicSslContextBuilder;
import io.netty.incubator.codec.quic.QuicStreamChannel;
import io.netty.incubator.codec.quic.QuicTokenHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Test-only QUIC server (Netty + quiche/BoringSSL) that REQUIRES a client certificate trusted by
 * it, which kwik's server cannot do. It speaks just enough of the Tauri channel (newline-delimited
 * JSON): it answers {@code tauri_identification} with {@code success} and records the subject of
 * the client certificate it verified.
 */
final class NettyMutualTlsQuicServer implements AutoCloseable {
  private static final QuicTokenHandler NO_RETRY =
      new QuicTokenHandler() {
        @Override
        public boolean writeToken(ByteBuf out, ByteBuf dcid, InetSocketAddress address) {
          return false;
        }

        @Override
        public int validateToken(ByteBuf token, InetSocketAddress address) {
          return 0;
        }

        @Override
        public int maxTokenLength() {
          return 0;
        }
      };

  final List<String> identifiedSubjects = new CopyOnWriteArrayList<>();
  private final NioEventLoopGroup group = new NioEventLoopGroup(1);
  private final Channel channel;

  NettyMutualTlsQuicServer(TestCertificate server, String alpn, X509Certificate... trustedClients)
      throws Exception {
    QuicSslContext ssl =
        QuicSslContextBuilder.forServer(server.privateKey(), null, server.certificate())
            .applicationProtocols(alpn)
            .clientAuth(ClientAuth.REQUIRE)
            .trustManager(trustedClients)
            .build();
    ChannelHandler codec =
        new QuicServerCodecBuilder()
            .sslContext(ssl)
            .maxIdleTimeout(30, TimeUnit.SECONDS)
            .initialMaxData(1_000_000)
            .initialMaxStreamDataBidirectionalLocal(100_000)
            .initialMaxStreamDataBidirectionalRemote(100_000)
            .initialMaxStreamsBidirectional(10)
            // No Retry round trip: kwik 0.10.9 sometimes aborts its handshake right after
            // processing a Retry packet ("Handshake error: " with no reason; the client then
            // reconnects), which would make the "not retried" assertions flaky.
            .tokenHandler(NO_RETRY)
            // A fresh (sharable) initializer per connection: one plain handler instance cannot
            // be added to a second connection's pipeline, which silently broke reconnects.
            .handler(
                new ChannelInitializer<QuicChannel>() {
                  @Override
                  protected void initChannel(QuicChannel ch) {}
                })
            .streamHandler(
                new ChannelInitializer<QuicStreamChannel>() {
                  @Override
                  protected void initChannel(QuicStreamChannel ch) {
                    ch.pipeline()
                        .addLast(
                            new LineBasedFrameDecoder(65_536),
                            new ChannelInboundHandlerAdapter() {
                              @Override
                              public void channelRead(ChannelHandlerContext ctx, Object msg)
                                  throws Exception {
                                ByteBuf buf = (ByteBuf) msg;
                                String line;
                                try {
                                  line = buf.toString(StandardCharsets.UTF_8);
                                } finally {
                                  buf.release();
                                }
                                if (line.contains("\"tauri_identification\"")) {
                                  QuicChannel quic = (QuicChannel) ctx.channel().parent();
                                  Certificate[] peer =
                                      quic.sslEngine().getSession().getPeerCertificates();
                                  identifiedSubjects.add(
                                      ((X509Certificate) peer[0])
                                          .getSubjectX500Principal()
                                          .getName());
                                  ctx.writeAndFlush(
                                      Unpooled.copiedBuffer(
                                          "{\"type\":\"success\",\"id\":\"n1\"}\n",
                                          StandardCharsets.UTF_8));
                                }
                              }
                            });
                  }
                })
            .build();
    channel =
        new Bootstrap()
            .group(group)
            .channel(NioDatagramChannel.class)
            .handler(codec)
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .sync()
            .channel();
  }

  int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() throws Exception {
    channel.close().sync();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }
}
