package io.github.chatwire.tauri;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.core.testing.ScriptedTransport;
import io.github.chatwire.core.time.VirtualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every log line of a Tauri client names the protocol and the user (issue 14 item 4); an own name
 * wins.
 */
class TauriLogTagTest {
  private final ChatwireRuntime runtime =
      ChatwireRuntime.builder()
          .scheduler(new VirtualScheduler())
          .callbackExecutor(Runnable::run)
          .build();
  private final ScriptedTransport transport = new ScriptedTransport("fake").textOnly();

  @AfterEach
  void tearDown() {
    runtime.close();
  }

  @Test
  void theTagNamesProtocolAndUser() {
    TauriPushClient client =
        TauriPushClient.builder().userId("u-7").transport(transport).runtime(runtime).build();
    try {
      assertEquals("tauri:u-7 " + transport.describe(), client.logTag());
    } finally {
      client.close();
    }
  }

  @Test
  void aNameSetByTheApplicationIsKept() {
    TauriPushClient client =
        TauriPushClient.builder()
            .userId("u-7")
            .transport(transport)
            .runtime(runtime)
            .options(ConnectionOptions.builder().name("phone-push").build())
            .build();
    try {
      assertEquals("phone-push " + transport.describe(), client.logTag());
    } finally {
      client.close();
    }
  }
}
