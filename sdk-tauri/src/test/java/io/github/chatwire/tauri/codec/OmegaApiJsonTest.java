package io.github.chatwire.tauri.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.chatwire.core.ProtocolException;
import io.github.chatwire.core.ServerErrorException;
import io.github.chatwire.tauri.model.OnlineStatus;
import io.github.chatwire.tauri.model.PendingNotification;
import io.github.chatwire.tauri.model.UserProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

class OmegaApiJsonTest {

  @Test
  void parsesTheSpecProfile() {
    UserProfile p =
        OmegaApiJson.parseProfile(
            "{\"status\":\"success\",\"user_id\":1,\"username\":\"u\",\"display\":\"U\","
                + "\"public_key\":\"AA==\",\"iota_id\":2,\"online_status\":\"user_invisible\",\"sub_level\":3,\"sub_end\":4,"
                + "\"about\":null,\"avatar\":\"Ag==\",\"status_message\":\"hi\"}");
    assertEquals(
        new UserProfile(1, "u", "U", "AA==", 2, OnlineStatus.INVISIBLE, 3, 4, null, "Ag==", "hi"),
        p);
    assertEquals(OnlineStatus.Kind.INVISIBLE, p.onlineStatus().kind());
  }

  @Test
  void parsesNotificationsWithEitherSenderName() {
    assertEquals(
        List.of(new PendingNotification(5, 2), new PendingNotification(6, 1)),
        OmegaApiJson.parseNotifications(
            "{\"status\":\"success\",\"notifications\":[{\"sender_id\":5,\"amount\":2},{\"sender\":\"6\",\"amount\":\"1\"}]}"));
  }

  @Test
  void rejectsErrorsAndGarbage() {
    ServerErrorException e =
        assertThrows(
            ServerErrorException.class,
            () -> OmegaApiJson.parseStatus("{\"status\":\"error\",\"message\":\"nope\"}"));
    assertEquals("error", e.code());
    OmegaApiJson.parseStatus("");
    OmegaApiJson.parseStatus("{\"status\":\"success\"}");
    String[] bad = {
      "[]",
      "{",
      "{\"status\":\"success\",\"notifications\":[{\"amount\":1}]}",
      "{\"status\":\"success\",\"notifications\":[{\"sender_id\":\"x\"}]}",
      "nonsense"
    };
    for (String b : bad) {
      assertThrows(ProtocolException.class, () -> OmegaApiJson.parseNotifications(b), b);
    }
    assertThrows(ProtocolException.class, () -> OmegaApiJson.parseProfile("{\"user_id\":true}"));
  }
}
