package io.github.chatwire.testkit.originchats;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.Secret;
import io.github.chatwire.originchats.RoturValidatorProvider;
import io.github.chatwire.originchats.internal.OcUploader;
import io.github.chatwire.originchats.model.Attachment;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP replies an OriginChats client reads (attachment upload, Rotur validators) come from
 * servers it does not control: an oversized body is refused instead of read into memory whole.
 */
class OriginChatsHttpRepliesTest {
  static final String ATTACHMENT =
      "{\"attachment\":{\"id\":\"a1\",\"name\":\"x.txt\",\"mime_type\":\"text/plain\"}}";

  MockWebServer server;
  ChatwireRuntime runtime;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    runtime = ChatwireRuntime.builder().build();
  }

  @AfterEach
  void stop() throws Exception {
    runtime.close();
    server.shutdown();
  }

  /** A valid JSON reply padded with whitespace past the bound (what a hostile server can send). */
  static Buffer padded(String json, long size) {
    Buffer b = new Buffer().writeUtf8(json);
    byte[] spaces = new byte[64 * 1024];
    java.util.Arrays.fill(spaces, (byte) ' ');
    while (b.size() < size) {
      b.write(spaces);
    }
    return b;
  }

  CompletableFuture<Attachment> upload() {
    String ws = "ws://" + server.getHostName() + ":" + server.getPort() + "/";
    return OcUploader.upload(
        runtime,
        ws,
        (key, rt) -> CompletableFuture.completedFuture(Secret.of("v")),
        "key",
        "general",
        "x.txt",
        "text/plain",
        new byte[] {1, 2, 3});
  }

  @Test
  void anUploadReplyWithinTheBoundIsRead() throws Exception {
    server.enqueue(new MockResponse().setBody(padded(ATTACHMENT, 100_000)));
    assertEquals("a1", upload().get(10, SECONDS).id());
  }

  @Test
  void anOversizedUploadReplyIsRefused() {
    server.enqueue(new MockResponse().setBody(padded(ATTACHMENT, OcUploader.MAX_REPLY_BYTES + 1)));
    ExecutionException e = assertThrows(ExecutionException.class, () -> upload().get(20, SECONDS));
    assertInstanceOf(ConnectionLostException.class, e.getCause());
    assertTrue(
        String.valueOf(e.getCause().getCause()).contains("larger than"),
        String.valueOf(e.getCause()));
  }

  @Test
  void anOversizedRoturReplyIsRefused() {
    server.enqueue(
        new MockResponse()
            .setBody(padded("{\"validator\":\"u,abc\"}", OcUploader.MAX_REPLY_BYTES + 1)));
    RoturValidatorProvider p =
        RoturValidatorProvider.of(Secret.of("token"), server.url("/").toString());
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> p.validator("key", runtime).get(20, SECONDS));
    assertInstanceOf(ConnectionLostException.class, e.getCause());
  }

  @Test
  void aRoturReplyWithinTheBoundIsRead() throws Exception {
    server.enqueue(new MockResponse().setBody(padded("{\"validator\":\"u,abc\"}", 100_000)));
    RoturValidatorProvider p =
        RoturValidatorProvider.of(Secret.of("token"), server.url("/").toString());
    assertEquals("u,abc", p.validator("key", runtime).get(10, SECONDS).reveal());
  }
}
