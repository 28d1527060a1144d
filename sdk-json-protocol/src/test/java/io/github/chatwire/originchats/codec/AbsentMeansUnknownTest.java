package io.github.chatwire.originchats.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.chatwire.originchats.model.Attachment;
import io.github.chatwire.originchats.model.ForumThread;
import io.github.chatwire.originchats.model.PollInfo;
import io.github.chatwire.originchats.model.Role;
import io.github.chatwire.originchats.model.ServerFrame;
import io.github.chatwire.originchats.model.SlashCommandInfo;
import io.github.chatwire.originchats.model.User;
import io.github.chatwire.originchats.model.VoiceParticipant;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 8: a boolean the server did not send reads as null (unknown), never as false. The
 * real server sends {@code user_join}/{@code user_connect} users without {@code cracked}.
 */
class AbsentMeansUnknownTest {
  @Test
  void userJoinWithoutCrackedLeavesItUnknown() {
    // as the reference server sends it (fixtures/originchats/01-core-flow.jsonl)
    ServerFrame.UserPresence join =
        (ServerFrame.UserPresence)
            FrameDecoder.decode(
                "{\"cmd\": \"user_join\", \"user\": {\"username\": \"bob\", \"roles\": [\"user\"], \"color\": null}}");
    assertNull(join.user().cracked());
    User listed =
        ((ServerFrame.Users)
                FrameDecoder.decode(
                    "{\"cmd\":\"users_list\",\"users\":[{\"username\":\"a\",\"cracked\":false},{\"username\":\"b\",\"cracked\":true}]}"))
            .users()
            .get(0);
    assertEquals(Boolean.FALSE, listed.cracked());
  }

  @Test
  void everyModelBooleanIsNullWhenAbsent() {
    ForumThread thread = FrameDecoder.thread(OcJson.parseObject("{\"id\":\"t\"}"));
    assertNull(thread.locked());
    assertNull(thread.archived());
    Attachment att = FrameDecoder.attachment(OcJson.parseObject("{\"id\":\"a\"}"));
    assertNull(att.permanent());
    Role role =
        ((ServerFrame.Roles) FrameDecoder.decode("{\"cmd\":\"roles_list\",\"roles\":{\"r\":{}}}"))
            .roles()
            .get(0);
    assertNull(role.hoisted());
    assertNull(role.selfAssignable());
    VoiceParticipant p =
        ((ServerFrame.Voice)
                FrameDecoder.decode(
                    "{\"cmd\":\"voice_user_joined\",\"channel\":\"v\",\"user\":{\"username\":\"u\"}}"))
            .user();
    assertNull(p.muted());
    SlashCommandInfo slash =
        ((ServerFrame.SlashCommands)
                FrameDecoder.decode("{\"cmd\":\"slash_list\",\"commands\":[{\"name\":\"roll\"}]}"))
            .commands()
            .get(0);
    assertNull(slash.ephemeral());
    PollInfo poll = FrameDecoder.pollInfo(OcJson.parseObject("{\"id\":\"p\"}"));
    assertNull(poll.allowMultiselect());
    assertNull(poll.ended());
    ServerFrame.Handshake hs =
        (ServerFrame.Handshake)
            FrameDecoder.decode(
                "{\"cmd\":\"handshake\",\"val\":{\"attachments\":{\"max_size\":5}}}");
    assertNull(hs.attachments().enabled());
    ServerFrame.PollCreated created =
        (ServerFrame.PollCreated)
            FrameDecoder.decode("{\"cmd\":\"poll_create\",\"poll_id\":\"p\"}");
    assertNull(created.allowMultiselect());
    ServerFrame.Poll results =
        (ServerFrame.Poll)
            FrameDecoder.decode("{\"cmd\":\"poll_results\",\"results\":{\"poll_id\":\"p\"}}");
    assertNull(results.results().allowMultiselect());
    assertNull(results.results().ended());
  }

  @Test
  void presentBooleansAreRead() {
    ForumThread thread =
        FrameDecoder.thread(
            OcJson.parseObject("{\"id\":\"t\",\"locked\":true,\"archived\":false}"));
    assertEquals(Boolean.TRUE, thread.locked());
    assertEquals(Boolean.FALSE, thread.archived());
    Attachment att =
        FrameDecoder.attachment(OcJson.parseObject("{\"id\":\"a\",\"permanent\":null}"));
    assertNull(att.permanent());
  }
}
