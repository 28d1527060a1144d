package io.github.chatwire.originchats.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.originchats.model.ServerFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shape variants and bad input of the frame decoder. */
class FrameDecoderTest {

  @Test
  void flatPollMessageNewIsAMessageWithPollId() {
    ServerFrame f =
        FrameDecoder.decode(
            "{\"cmd\":\"message_new\",\"id\":\"m1\",\"channel\":\"general\","
                + "\"thread_id\":null,\"user\":\"alice\",\"content\":\"\",\"timestamp\":1.5,"
                + "\"embeds\":[{\"type\":\"poll\"}],\"poll_id\":\"p1\"}");
    ServerFrame.MessageNew m = assertInstanceOf(ServerFrame.MessageNew.class, f);
    assertTrue(m.flat());
    assertEquals("m1", m.message().id());
    assertEquals("p1", m.message().pollId());
    assertEquals("general", m.channel());
    assertNull(m.message().type());
    assertNull(m.message().pinned());
    assertEquals("poll", m.message().embeds().get(0).get("type"));
  }

  @Test
  void normalMessageNewKeepsUnknownFields() {
    ServerFrame.MessageNew m =
        (ServerFrame.MessageNew)
            FrameDecoder.decode(
                "{\"cmd\":\"message_new\","
                    + "\"message\":{\"id\":\"m\",\"user\":\"a\",\"content\":\"hi\",\"future\":{\"x\":[1]}},"
                    + "\"channel\":\"c\",\"global\":true,\"listener\":\"L1\"}");
    assertFalse(m.flat());
    assertEquals("L1", m.listener());
    assertEquals(List.of(1.0), ((java.util.Map<?, ?>) m.message().raw().get("future")).get("x"));
    assertEquals(Boolean.TRUE, m.raw().get("global"));
  }

  @Test
  void rolesListUnderRolesOrVal() {
    String role =
        "{\"admin\":{\"id\":\"r1\",\"color\":\"#fff\",\"permissions\":[\"manage_server\"],\"position\":1}}";
    ServerFrame.Roles a =
        (ServerFrame.Roles) FrameDecoder.decode("{\"cmd\":\"roles_list\",\"roles\":" + role + "}");
    ServerFrame.Roles b =
        (ServerFrame.Roles) FrameDecoder.decode("{\"cmd\":\"roles_list\",\"val\":" + role + "}");
    assertEquals("admin", a.roles().get(0).name());
    assertEquals(a.roles().get(0).name(), b.roles().get(0).name());
    assertEquals(List.of("manage_server"), b.roles().get(0).permissions());
    assertEquals(1L, b.roles().get(0).position());
    // legacy permissions object form
    ServerFrame.Roles legacy =
        (ServerFrame.Roles)
            FrameDecoder.decode(
                "{\"cmd\":\"roles_list\",\"roles\":{\"x\":{\"permissions\":{\"mention_roles\":true}}}}");
    assertTrue(legacy.roles().get(0).permissions().isEmpty());
  }

  @Test
  void typeIsASynonymOfCmdForOldVoiceEvents() {
    ServerFrame.Voice v =
        (ServerFrame.Voice)
            FrameDecoder.decode(
                "{\"type\":\"voice_user_left\","
                    + "\"channel\":\"lounge\",\"username\":\"bob\",\"global\":true}");
    assertEquals("voice_user_left", v.cmd());
    assertEquals("bob", v.username());
  }

  @Test
  void waitTimeIsASynonymOfLength() {
    ServerFrame.RateLimit old =
        (ServerFrame.RateLimit) FrameDecoder.decode("{\"cmd\":\"rate_limit\",\"wait_time\":1500}");
    assertEquals(1500, old.lengthMs());
    assertNull(old.reason());
    ServerFrame.RateLimit now =
        (ServerFrame.RateLimit)
            FrameDecoder.decode("{\"cmd\":\"rate_limit\",\"reason\":\"r\",\"length\":29999}");
    assertEquals(29999, now.lengthMs());
  }

  @Test
  void idsAsStringOrNumber() {
    ServerFrame.Emoji added =
        (ServerFrame.Emoji)
            FrameDecoder.decode("{\"cmd\":\"emoji_add\",\"id\":\"0\",\"added\":true}");
    ServerFrame.Emoji deleted =
        (ServerFrame.Emoji)
            FrameDecoder.decode("{\"cmd\":\"emoji_delete\",\"id\":0,\"deleted\":true}");
    assertEquals("0", added.id());
    assertEquals("0", deleted.id());
  }

  @Test
  void errorWithoutSrc() {
    ServerFrame.Error e =
        (ServerFrame.Error)
            FrameDecoder.decode("{\"cmd\":\"error\",\"val\":\"Access denied to this channel\"}");
    assertNull(e.src());
    assertEquals("Access denied to this channel", e.text());
  }

  @Test
  void renamedRepliesDecodeByTheirOwnCmd() {
    assertInstanceOf(
        ServerFrame.Status.class,
        FrameDecoder.decode(
            "{\"cmd\":\"status\",\"username\":\"bob\",\"status\":{\"status\":\"dnd\",\"text\":\"busy\"}}"));
    ServerFrame.AttachmentInfo a =
        (ServerFrame.AttachmentInfo)
            FrameDecoder.decode(
                "{\"cmd\":\"attachment_info\",\"attachment\":{\"id\":\"a1\",\"size\":3}}");
    assertEquals("a1", a.attachmentId());
    assertEquals(3L, a.attachment().size());
  }

  @Test
  void unknownCmdIsKeptWhole() {
    ServerFrame f =
        FrameDecoder.decode("{\"cmd\":\"shiny_new\",\"a\":[true,null],\"listener\":\"x\"}");
    ServerFrame.Unknown u = assertInstanceOf(ServerFrame.Unknown.class, f);
    assertEquals("shiny_new", u.cmd());
    assertEquals("x", u.listener());
    assertEquals(
        "{\"cmd\":\"shiny_new\",\"a\":[true,null],\"listener\":\"x\"}", OcJson.write(u.raw()));
  }

  @Test
  void nonStringListenerIsIgnored() {
    assertNull(FrameDecoder.decode("{\"cmd\":\"pong\",\"listener\":42}").listener());
  }

  @Test
  void badInputGivesTypedErrorsWithCmdAndListener() {
    FrameDecodeException notJson =
        assertThrows(FrameDecodeException.class, () -> FrameDecoder.decode("{nope"));
    assertNull(notJson.cmd());
    assertThrows(FrameDecodeException.class, () -> FrameDecoder.decode("[1,2,3]"));
    assertThrows(FrameDecodeException.class, () -> FrameDecoder.decode("\"cmd\""));
    assertThrows(FrameDecodeException.class, () -> FrameDecoder.decode("{\"val\":1}"));
    assertThrows(FrameDecodeException.class, () -> FrameDecoder.decode("{\"cmd\":7}"));
    assertThrows(
        FrameDecodeException.class, () -> FrameDecoder.decode("{\"cmd\":\"ping\"} trailing"));
    FrameDecodeException wrongType =
        assertThrows(
            FrameDecodeException.class,
            () ->
                FrameDecoder.decode(
                    "{\"cmd\":\"message_new\",\"message\":{\"id\":\"m\",\"content\":42},\"listener\":\"L9\"}"));
    assertEquals("message_new", wrongType.cmd());
    assertEquals("L9", wrongType.listener());
    assertTrue(wrongType.getMessage().contains("content"), wrongType.getMessage());
    assertFalse(wrongType.getMessage().contains("42"), "values are not echoed into messages");
    assertThrows(
        FrameDecodeException.class,
        () -> FrameDecoder.decode("{\"cmd\":\"channels_get\",\"val\":\"x\"}"));
    assertThrows(
        FrameDecodeException.class,
        () -> FrameDecoder.decode("{\"cmd\":\"users_list\",\"users\":[1]}"));
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "{\"cmd\":\"x\",\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";
    assertThrows(FrameDecodeException.class, () -> FrameDecoder.decode(deep));
  }

  @Test
  void handshakeWithoutNewerFieldsAndSecretsStayOutOfToString() {
    ServerFrame.Handshake h =
        (ServerFrame.Handshake)
            FrameDecoder.decode(
                "{\"cmd\":\"handshake\",\"val\":{"
                    + "\"server\":{\"name\":\"old\"},\"limits\":{\"post_content\":1000},\"version\":\"1.1.0\","
                    + "\"validator_key\":\"originChats-secretkey\"}}");
    assertNull(h.capabilities());
    assertNull(h.authMode());
    assertEquals(1000L, h.limits().postContent());
    assertTrue(h.permissions().isEmpty());
    assertFalse(h.toString().contains("secretkey"));
    ServerFrame.Ready r =
        (ServerFrame.Ready)
            FrameDecoder.decode(
                "{\"cmd\":\"ready\",\"user\":{\"username\":\"a\"},\"validator\":\"tok-secret\"}");
    assertFalse(r.toString().contains("tok-secret"));
  }

  @Test
  void contentRulesCountCodePointsAfterStripping() {
    assertEquals(2, ContentRules.serverLength(" \t\n\uD83D\uDE00\uD83D\uDE00\u3000 "));
    assertEquals("a b", ContentRules.strip("\u00a0 a b \u2003"));
    assertEquals(0, ContentRules.serverLength("   "));
    assertEquals("", ContentRules.strip(""));
  }

  @Test
  void adminRepliesAreTyped() {
    ServerFrame.ChannelChange created =
        (ServerFrame.ChannelChange)
            FrameDecoder.decode(
                "{\"cmd\":\"channel_create\","
                    + "\"channel\":{\"name\":\"random\",\"type\":\"text\"},\"created\":true}");
    assertTrue(created.ok());
    assertEquals("random", created.name());
    assertEquals("text", created.channel().type());
    ServerFrame.ChannelChange moved =
        (ServerFrame.ChannelChange)
            FrameDecoder.decode(
                "{\"cmd\":\"channel_move\",\"name\":\"random\",\"position\":1,\"moved\":true}");
    assertEquals(1L, moved.position());
    ServerFrame.RoleChange perms =
        (ServerFrame.RoleChange)
            FrameDecoder.decode(
                "{\"cmd\":\"role_permissions_get\","
                    + "\"id\":\"r\",\"name\":null,\"permissions\":[\"speak\"]}");
    assertNull(perms.name());
    assertEquals(List.of("speak"), perms.permissions());
    ServerFrame.Moderation unban =
        (ServerFrame.Moderation)
            FrameDecoder.decode("{\"cmd\":\"user_unban\",\"user\":\"bob\",\"unbanned\":false}");
    assertFalse(unban.ok());
    ServerFrame.Moderation timeout =
        (ServerFrame.Moderation)
            FrameDecoder.decode("{\"cmd\":\"user_timeout\",\"user\":\"bob\",\"timeout\":5}");
    assertEquals(5L, timeout.timeoutSeconds());
    ServerFrame.AuditLog log =
        (ServerFrame.AuditLog)
            FrameDecoder.decode(
                "{\"cmd\":\"modlog_get\",\"entries\":[{"
                    + "\"id\":\"1\",\"action\":\"user_update\",\"actor_name\":\"alice\",\"details\":{\"nickname\":\"B\"},"
                    + "\"timestamp\":1.5}],\"total\":1,\"offset\":0}");
    assertEquals("user_update", log.entries().get(0).action());
    assertEquals("B", log.entries().get(0).details().get("nickname"));
    ServerFrame.ProfilePicture pfp =
        (ServerFrame.ProfilePicture)
            FrameDecoder.decode("{\"cmd\":\"pfp_get\",\"val\":null,\"username\":\"alice\"}");
    assertNull(pfp.url());
    ServerFrame.SelfRole self =
        (ServerFrame.SelfRole)
            FrameDecoder.decode(
                "{\"cmd\":\"self_role_add\",\"role\":\"gamer\",\"success\":true,\"roles\":[\"user\",\"gamer\"]}");
    assertEquals(List.of("user", "gamer"), self.roles());
  }
}
