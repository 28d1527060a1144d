package io.github.chatwire.originchats.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.originchats.model.PollInfo;
import io.github.chatwire.originchats.model.PollOption;
import io.github.chatwire.originchats.model.ServerFrame;
import io.github.chatwire.originchats.model.UnreadCount;
import io.github.chatwire.originchats.model.Webhook;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The replies that used to decode to a generic text-only frame or kept raw maps (issue 4): shapes
 * from the protocol reference and the recorded sessions, unknown fields kept, bad field types
 * refused without echoing the value.
 */
class TypedRepliesTest {

  /** Decodes a frame that must fail and checks the message names the field but not the value. */
  private static FrameDecodeException refused(String json, String cmd, String field, String value) {
    FrameDecodeException e =
        assertThrows(FrameDecodeException.class, () -> FrameDecoder.decode(json));
    assertEquals(cmd, e.cmd());
    assertTrue(e.getMessage().contains(field), e.getMessage());
    assertFalse(e.getMessage().contains(value), "the value is not echoed: " + e.getMessage());
    return e;
  }

  @Test
  void modlogSummaryCountsPerActionAndCategory() {
    ServerFrame f =
        FrameDecoder.decode(
            "{\"cmd\":\"modlog_summary\",\"action_counts\":{"
                + "\"user_moderation.user_ban\":2,\"role_management.role_create\":1},"
                + "\"category_totals\":{\"user_moderation\":2,\"role_management\":1},\"total\":3,"
                + "\"since\":\"later field\",\"listener\":\"L23\"}");
    ServerFrame.AuditSummary s = assertInstanceOf(ServerFrame.AuditSummary.class, f);
    assertEquals(
        List.of("user_moderation.user_ban", "role_management.role_create"),
        List.copyOf(s.actionCounts().keySet()),
        "wire order kept");
    assertEquals(2L, s.actionCounts().get("user_moderation.user_ban"));
    assertEquals(1L, s.categoryTotals().get("role_management"));
    assertEquals(3L, s.total());
    assertEquals("L23", s.listener());
    assertEquals("later field", s.raw().get("since"));
    assertThrows(UnsupportedOperationException.class, () -> s.actionCounts().put("x", 1L));

    ServerFrame.AuditSummary empty =
        (ServerFrame.AuditSummary) FrameDecoder.decode("{\"cmd\":\"modlog_summary\"}");
    assertTrue(empty.actionCounts().isEmpty());
    assertTrue(empty.categoryTotals().isEmpty());
    assertNull(empty.total());

    refused(
        "{\"cmd\":\"modlog_summary\",\"action_counts\":{\"a.b\":\"sekrit-count\"}}",
        "modlog_summary",
        "a.b",
        "sekrit-count");
    refused(
        "{\"cmd\":\"modlog_summary\",\"category_totals\":\"sekrit-map\"}", "modlog_summary",
        "category_totals", "sekrit-map");
    refused(
        "{\"cmd\":\"modlog_summary\",\"total\":\"seventeen\"}",
        "modlog_summary",
        "total",
        "seventeen");
  }

  @Test
  void pluginsListIsKeyedByFileInWireOrder() {
    ServerFrame f =
        FrameDecoder.decode(
            "{\"cmd\":\"plugins_list\",\"plugins\":{"
                + "\"cli\":{\"name\":\"CLI Plugin\",\"description\":\"d\",\"handles\":[\"new_message\"],\"v\":2},"
                + "\"welcome\":{\"name\":\"Welcome Plugin\",\"handles\":[\"user_join\"]}},\"listener\":\"L22\"}");
    ServerFrame.Plugins p = assertInstanceOf(ServerFrame.Plugins.class, f);
    assertEquals(2, p.plugins().size());
    ServerFrame.PluginInfo cli = p.plugins().get(0);
    assertEquals("cli", cli.file());
    assertEquals("CLI Plugin", cli.name());
    assertEquals("d", cli.description());
    assertEquals(List.of("new_message"), cli.handles());
    assertEquals(2.0, cli.raw().get("v"), "unknown plugin fields kept");
    ServerFrame.PluginInfo welcome = p.plugins().get(1);
    assertEquals("welcome", welcome.file());
    assertNull(welcome.description());
    assertEquals(List.of("user_join"), welcome.handles());

    assertTrue(
        ((ServerFrame.Plugins) FrameDecoder.decode("{\"cmd\":\"plugins_list\",\"plugins\":{}}"))
            .plugins()
            .isEmpty());
    assertTrue(
        ((ServerFrame.Plugins) FrameDecoder.decode("{\"cmd\":\"plugins_list\"}"))
            .plugins()
            .isEmpty());
    refused(
        "{\"cmd\":\"plugins_list\",\"plugins\":{\"cli\":\"sekrit-plugin\"}}",
        "plugins_list",
        "cli",
        "sekrit-plugin");
    refused(
        "{\"cmd\":\"plugins_list\",\"plugins\":{\"cli\":{\"handles\":\"sekrit-handles\"}}}",
            "plugins_list",
        "handles", "sekrit-handles");
  }

  @Test
  void pluginsReloadKeepsTheText() {
    ServerFrame.PluginsReloaded r =
        assertInstanceOf(
            ServerFrame.PluginsReloaded.class,
            FrameDecoder.decode("{\"cmd\":\"plugins_reload\",\"val\":\"Reloaded 3 plugins\"}"));
    assertEquals("Reloaded 3 plugins", r.text());
    assertNull(
        ((ServerFrame.PluginsReloaded) FrameDecoder.decode("{\"cmd\":\"plugins_reload\"}")).text());
    refused("{\"cmd\":\"plugins_reload\",\"val\":98765}", "plugins_reload", "val", "98765");
  }

  @Test
  void slashRegisterReadsTheCountFromTheText() {
    ServerFrame.SlashRegistered r =
        assertInstanceOf(
            ServerFrame.SlashRegistered.class,
            FrameDecoder.decode(
                "{\"cmd\":\"slash_register\",\"val\":\"12 commands registered successfully\"}"));
    assertEquals(12L, r.count());
    assertEquals("12 commands registered successfully", r.text());
    ServerFrame.SlashRegistered other =
        (ServerFrame.SlashRegistered)
            FrameDecoder.decode("{\"cmd\":\"slash_register\",\"val\":\"done\"}");
    assertNull(other.count());
    ServerFrame.SlashRegistered none =
        (ServerFrame.SlashRegistered) FrameDecoder.decode("{\"cmd\":\"slash_register\"}");
    assertNull(none.text());
    assertNull(none.count());
    refused(
        "{\"cmd\":\"slash_register\",\"val\":{\"n\":\"sekrit\"}}",
        "slash_register",
        "val",
        "sekrit");
  }

  @Test
  void pushReplies() {
    ServerFrame.PushVapidKey k =
        assertInstanceOf(
            ServerFrame.PushVapidKey.class,
            FrameDecoder.decode(
                "{\"cmd\":\"push_vapid\",\"key\":\"BPublicKey\",\"listener\":\"L1\"}"));
    assertEquals("BPublicKey", k.key());
    assertEquals("L1", k.listener());
    refused("{\"cmd\":\"push_vapid\",\"key\":[\"sekrit-key\"]}", "push_vapid", "key", "sekrit-key");

    ServerFrame.PushSubscription sub =
        assertInstanceOf(
            ServerFrame.PushSubscription.class,
            FrameDecoder.decode(
                "{\"cmd\":\"push_subscribed\",\"success\":true,\"device_fingerprint\":\"fp-1\"}"));
    assertTrue(sub.success());
    assertTrue(sub.subscribed());
    assertEquals("fp-1", sub.deviceFingerprint());
    ServerFrame.PushSubscription unsub =
        assertInstanceOf(
            ServerFrame.PushSubscription.class,
            FrameDecoder.decode("{\"cmd\":\"push_unsubscribed\",\"success\":true}"));
    assertTrue(unsub.success());
    assertFalse(unsub.subscribed());
    assertNull(unsub.deviceFingerprint());
    assertFalse(
        ((ServerFrame.PushSubscription) FrameDecoder.decode("{\"cmd\":\"push_unsubscribed\"}"))
            .success());
    refused(
        "{\"cmd\":\"push_subscribed\",\"success\":\"sekrit-yes\"}",
        "push_subscribed",
        "success",
        "sekrit-yes");
    refused(
        "{\"cmd\":\"push_subscribed\",\"success\":true,\"device_fingerprint\":4242}",
            "push_subscribed",
        "device_fingerprint", "4242");
  }

  @Test
  void pollGetHasATypedPoll() {
    // the recorded shape (T3 t=10.501) plus an unknown field
    ServerFrame f =
        FrameDecoder.decode(
            "{\"cmd\":\"poll_get\",\"poll\":{\"id\":\"p1\",\"message_id\":\"m1\","
                + "\"channel\":\"general\",\"thread_id\":null,\"question\":\"Q?\",\"options\":[{\"text\":\"a\","
                + "\"emoji\":\"\\uD83C\\uDD70\",\"id\":\"0\"},{\"id\":\"1\",\"text\":\"b\"}],\"allow_multiselect\":true,"
                + "\"expires_at\":1795299262.5,\"created_by\":\"alice\",\"created_at\":1795295662.5,\"ended\":false,"
                + "\"ended_at\":null,\"user_votes\":[\"1\"],\"anonymous\":false},\"listener\":\"L46\"}");
    ServerFrame.Poll p = assertInstanceOf(ServerFrame.Poll.class, f);
    assertNull(p.results());
    assertEquals("p1", p.pollId(), "taken from poll.id");
    assertEquals("m1", p.messageId());
    assertEquals("general", p.channel());
    PollInfo poll = p.poll();
    assertEquals("p1", poll.id());
    assertNull(poll.threadId());
    assertEquals("Q?", poll.question());
    assertEquals(
        Arrays.asList(new PollOption("0", "a", "\uD83C\uDD70"), new PollOption("1", "b", null)),
        poll.options());
    assertTrue(poll.allowMultiselect());
    assertEquals(1795299262.5, poll.expiresAt());
    assertEquals("alice", poll.createdBy());
    assertEquals(1795295662.5, poll.createdAt());
    assertFalse(poll.ended());
    assertNull(poll.endedAt());
    assertEquals(List.of("1"), poll.userVotes());
    assertEquals(Boolean.FALSE, poll.raw().get("anonymous"));

    // an ended poll without expiry; options in the request's string form get their position as id
    ServerFrame.Poll ended =
        (ServerFrame.Poll)
            FrameDecoder.decode(
                "{\"cmd\":\"poll_get\",\"poll\":{\"id\":7,"
                    + "\"options\":[\"yes\",\"no\"],\"ended\":true,\"ended_at\":5.0,\"expires_at\":null}}");
    assertEquals("7", ended.poll().id());
    assertEquals(
        List.of(new PollOption("0", "yes", null), new PollOption("1", "no", null)),
        ended.poll().options());
    assertTrue(ended.poll().ended());
    assertEquals(5.0, ended.poll().endedAt());
    assertNull(ended.poll().expiresAt());
    assertTrue(ended.poll().userVotes().isEmpty());

    // the other poll replies have no poll object
    ServerFrame.Poll results =
        (ServerFrame.Poll)
            FrameDecoder.decode(
                "{\"cmd\":\"poll_results\",\"poll_id\":\"p\","
                    + "\"results\":{\"poll_id\":\"p\",\"results\":[{\"id\":\"0\",\"votes\":1}]}}");
    assertNull(results.poll());
    assertEquals(1L, results.results().options().get(0).votes());

    refused("{\"cmd\":\"poll_get\",\"poll\":\"sekrit-poll\"}", "poll_get", "poll", "sekrit-poll");
    refused(
        "{\"cmd\":\"poll_get\",\"poll\":{\"options\":[31337]}}", "poll_get", "options", "31337");
    refused(
        "{\"cmd\":\"poll_get\",\"poll\":{\"expires_at\":\"sekrit-time\"}}",
        "poll_get",
        "expires_at",
        "sekrit-time");
    refused(
        "{\"cmd\":\"poll_get\",\"poll\":{\"options\":[{\"text\":[\"sekrit-text\"]}]}}",
        "poll_get",
        "text",
        "sekrit-text");
  }

  @Test
  void unreadsAreTypedPerChannelAndThread() {
    ServerFrame f =
        FrameDecoder.decode(
            "{\"cmd\":\"unreads_get\",\"unreads\":{"
                + "\"general\":{\"last_read\":\"m9\",\"unread_count\":3,\"total_messages\":6,\"extra\":1},"
                + "\"random\":{\"last_read\":null,\"unread_count\":0,\"total_messages\":0},"
                + "\"thread/t1\":{\"last_read\":\"m2\",\"unread_count\":1,\"total_messages\":2,"
                + "\"parent_channel\":\"forum\"}},\"listener\":\"L42\"}");
    ServerFrame.Unreads u = assertInstanceOf(ServerFrame.Unreads.class, f);
    assertEquals(List.of("general", "random", "thread/t1"), List.copyOf(u.unreads().keySet()));
    UnreadCount general = u.channel("general");
    assertEquals("m9", general.lastRead());
    assertEquals(3L, general.unreadCount());
    assertEquals(6L, general.totalMessages());
    assertNull(general.parentChannel());
    assertEquals(1.0, general.raw().get("extra"));
    assertNull(u.channel("random").lastRead());
    assertEquals(0L, u.channel("random").unreadCount());
    UnreadCount thread = u.thread("t1");
    assertEquals("forum", thread.parentChannel());
    assertEquals(1L, thread.unreadCount());
    assertNull(u.channel("nope"));
    assertThrows(UnsupportedOperationException.class, () -> u.unreads().clear());

    assertTrue(
        ((ServerFrame.Unreads) FrameDecoder.decode("{\"cmd\":\"unreads_get\"}"))
            .unreads()
            .isEmpty());
    refused(
        "{\"cmd\":\"unreads_get\",\"unreads\":{\"general\":{\"unread_count\":\"sekrit-n\"}}}",
            "unreads_get",
        "unread_count", "sekrit-n");
    refused(
        "{\"cmd\":\"unreads_get\",\"unreads\":{\"general\":\"sekrit-entry\"}}",
        "unreads_get",
        "general",
        "sekrit-entry");
  }

  @Test
  void webhooksAreTypedAndTokensStaySecret() {
    String token = "c7197a5e-tok-secret";
    String hook =
        "{\"id\":\"w1\",\"channel\":\"general\",\"name\":\"CI\",\"token\":\""
            + token
            + "\","
            + "\"created_by\":\"USR:alice0001\",\"created_at\":1795295550.77,\"avatar\":null,\"x\":true}";
    ServerFrame.Webhooks created =
        assertInstanceOf(
            ServerFrame.Webhooks.class,
            FrameDecoder.decode("{\"cmd\":\"webhook_create\",\"webhook\":" + hook + "}"));
    Webhook w = created.webhook();
    assertEquals("w1", w.id());
    assertEquals("general", w.channel());
    assertEquals("CI", w.name());
    assertEquals(token, w.token().reveal());
    assertEquals("USR:alice0001", w.createdBy());
    assertEquals(1795295550.77, w.createdAt());
    assertNull(w.avatar());
    assertEquals(Boolean.TRUE, w.raw().get("x"));
    assertFalse(w.toString().contains(token), w.toString());
    assertFalse(created.toString().contains(token), created.toString());
    assertFalse(created.deleted());
    assertNull(created.id());

    ServerFrame.Webhooks list =
        (ServerFrame.Webhooks)
            FrameDecoder.decode(
                "{\"cmd\":\"webhook_list\",\"webhooks\":["
                    + hook
                    + ","
                    + hook.replace("w1", "w2")
                    + "],\"listener\":\"L21\"}");
    assertEquals(2, list.webhooks().size());
    assertEquals("w2", list.webhooks().get(1).id());

    ServerFrame.Webhooks got =
        (ServerFrame.Webhooks)
            FrameDecoder.decode(
                "{\"cmd\":\"webhook_get\",\"webhook\":"
                    + "{\"id\":\"w1\",\"name\":\"CI\",\"avatar\":\"https://a/x.png\"}}");
    assertNull(got.webhook().token(), "webhook_get has no token");
    assertEquals("https://a/x.png", got.webhook().avatar());

    ServerFrame.Webhooks deleted =
        (ServerFrame.Webhooks)
            FrameDecoder.decode("{\"cmd\":\"webhook_delete\",\"id\":\"w1\",\"deleted\":true}");
    assertTrue(deleted.webhooks().isEmpty());
    assertNull(deleted.webhook());
    assertEquals("w1", deleted.id());
    assertTrue(deleted.deleted());

    refused(
        "{\"cmd\":\"webhook_create\",\"webhook\":{\"id\":\"w\",\"token\":987654321}}",
        "webhook_create",
        "token",
        "987654321");
    refused(
        "{\"cmd\":\"webhook_list\",\"webhooks\":[\"sekrit-hook\"]}",
        "webhook_list",
        "webhooks",
        "sekrit-hook");
    refused(
        "{\"cmd\":\"webhook_delete\",\"id\":\"w\",\"deleted\":\"sekrit-flag\"}",
        "webhook_delete",
        "deleted",
        "sekrit-flag");
  }

  @Test
  void recordedSessionsDecodeToTheTypedRecords() throws java.io.IOException {
    Map<String, ServerFrame> byCmd = new java.util.HashMap<>();
    for (String file :
        List.of(
            "01-core-flow.jsonl",
            "02-attachments-moderation.jsonl",
            "03-per-command-listener.jsonl",
            "04-custom-emoji.jsonl")) {
      for (Map<String, Object> frame : FixtureReplayTest.serverFrames(file)) {
        ServerFrame f = FrameDecoder.decode(OcJson.write(frame));
        byCmd.putIfAbsent(f.cmd(), f);
      }
    }
    ServerFrame.AuditSummary summary = (ServerFrame.AuditSummary) byCmd.get("modlog_summary");
    assertEquals(17L, summary.total());
    assertEquals(17L, summary.actionCounts().values().stream().mapToLong(Long::longValue).sum());
    assertEquals(5L, summary.categoryTotals().get("user_moderation"));
    ServerFrame.Plugins plugins = (ServerFrame.Plugins) byCmd.get("plugins_list");
    assertEquals(
        List.of("cli", "automod", "welcome"),
        plugins.plugins().stream()
            .map(ServerFrame.PluginInfo::file)
            .collect(java.util.stream.Collectors.toList()));
    assertEquals(1L, ((ServerFrame.SlashRegistered) byCmd.get("slash_register")).count());
    PollInfo poll = ((ServerFrame.Poll) byCmd.get("poll_get")).poll();
    assertEquals("Q?", poll.question());
    assertEquals(2, poll.options().size());
    ServerFrame.Unreads unreads = (ServerFrame.Unreads) byCmd.get("unreads_get");
    assertEquals(0L, unreads.channel("random").unreadCount());
    Webhook hook = ((ServerFrame.Webhooks) byCmd.get("webhook_create")).webhook();
    assertEquals("CI", hook.name());
    assertFalse(hook.token().reveal().isEmpty());
    assertEquals(1, ((ServerFrame.Webhooks) byCmd.get("webhook_list")).webhooks().size());
  }

  @Test
  void pollCreateReplyListsTheStoredOptions() {
    ServerFrame.PollCreated c =
        assertInstanceOf(
            ServerFrame.PollCreated.class,
            FrameDecoder.decode(
                "{\"cmd\":\"poll_create\",\"poll_id\":\"p1\",\"message_id\":\"m1\",\"channel\":\"general\","
                    + "\"thread_id\":null,\"question\":\"Q?\",\"options\":[{\"id\":\"0\",\"text\":\"a\",\"emoji\":\"e\"},"
                    + "{\"id\":\"yes\",\"text\":\"b\"}],\"allow_multiselect\":true,\"expires_at\":12.5}"));
    assertEquals(
        List.of(new PollOption("0", "a", "e"), new PollOption("yes", "b", null)), c.options());
    assertTrue(c.allowMultiselect());
    assertEquals(12.5, c.expiresAt());
    ServerFrame.PollCreated bare =
        (ServerFrame.PollCreated)
            FrameDecoder.decode("{\"cmd\":\"poll_create\",\"poll_id\":\"p2\"}");
    assertTrue(bare.options().isEmpty());
    assertNull(bare.allowMultiselect()); // absent means unknown (issue 10 item 8)
    assertNull(bare.expiresAt());
    refused(
        "{\"cmd\":\"poll_create\",\"poll_id\":\"p\",\"allow_multiselect\":\"sekrit-bool\"}",
            "poll_create",
        "allow_multiselect", "sekrit-bool");
  }

  @Test
  void pollOptionWireForm() {
    assertEquals(Map.of("text", "a"), PollOption.of("a").toJson());
    assertEquals(
        "{\"id\":\"x\",\"text\":\"b\",\"emoji\":\"\u2705\"}",
        OcJson.write(PollOption.of("x", "b", "\u2705").toJson()));
    assertEquals(
        "{\"text\":\"c\",\"emoji\":\"e\"}", OcJson.write(PollOption.of(null, "c", "e").toJson()));
    assertThrows(NullPointerException.class, () -> PollOption.of(null));
  }
}
