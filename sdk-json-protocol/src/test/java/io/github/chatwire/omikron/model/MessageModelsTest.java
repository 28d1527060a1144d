package io.github.chatwire.omikron.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chatwire.omikron.codec.OmikronCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed models read from the shapes of both spec documents and of the reference server. */
class MessageModelsTest {
  private static OmikronData data(String dataJson) {
    return OmikronCodec.decode("{\"type\":\"x\",\"data\":" + dataJson + "}").data();
  }

  @Test
  void identificationResponsesOfEveryEra() {
    IdentificationResponse e3Iota =
        IdentificationResponse.from(data("{\"accepted_ids\":\"1733,1734\",\"accepted\":\"2\"}"));
    assertEquals(2L, e3Iota.acceptedCount());
    assertNull(e3Iota.accepted());
    assertEquals(List.of(OmikronId.of(1733), OmikronId.of(1734)), e3Iota.acceptedIds());
    assertFalse(e3Iota.isRefused());

    IdentificationResponse e1 =
        IdentificationResponse.from(data("{\"accepted_ids\":\",a,b\",\"accepted\":\"2\"}"));
    assertEquals(List.of(OmikronId.of("a"), OmikronId.of("b")), e1.acceptedIds());

    assertTrue(IdentificationResponse.from(data("{\"accepted\":false}")).isRefused());
    assertEquals(Boolean.TRUE, IdentificationResponse.from(data("{\"accepted\":true}")).accepted());
    assertTrue(IdentificationResponse.from(data("{\"acceppted\":false}")).isRefused());
    assertFalse(IdentificationResponse.from(data("{}")).isRefused());

    IdentificationResponse older =
        IdentificationResponse.from(
            data("{\"accepted_profiles\":\"u1,u2,\",\"denid_profiles\":\"u3\"}"));
    assertEquals(List.of(OmikronId.of("u1"), OmikronId.of("u2")), older.acceptedProfiles());
    assertEquals(List.of(OmikronId.of("u3")), older.deniedProfiles());

    IdentificationResponse call =
        IdentificationResponse.from(
            data("{\"acceppted\":true,\"user_ids\":{\"u1\":\"muted\",\"u2\":\"deafed\"}}"));
    assertEquals(
        Map.of(OmikronId.of("u1"), CallState.MUTED, OmikronId.of("u2"), CallState.DEAFED),
        call.participants());
    IdentificationResponse e1b =
        IdentificationResponse.from(
            data("{\"about\":{\"u1\":{\"state\":\"muted\",\"streaming\":false}}}"));
    assertEquals(CallState.MUTED, e1b.participants().get(OmikronId.of("u1")));

    IdentificationResponse guest =
        IdentificationResponse.from(
            data(
                "{\"user_id\":17,\"username\":\"guest-1\",\"display\":\"G\","
                    + "\"avatar\":\"AA==\",\"call_state\":{\"call_id\":\"c\",\"call_invited\":[{\"user_id\":1,\"username\":\"a\"}],"
                    + "\"call_members\":[],\"call_token\":\"JWT-SECRET\"}}"));
    assertEquals(OmikronId.of(17), guest.userId());
    assertEquals("c", guest.guestCall().callId());
    assertEquals("a", guest.guestCall().invited().get(0).username());
    assertFalse(guest.toString().contains("JWT-SECRET"));
  }

  @Test
  void pongsOfEveryEra() {
    assertEquals(12L, Pong.from(data("{\"ping_iota\":12}")).pingIota());
    assertEquals(12L, Pong.from(data("{\"ping_iota\":\"12\"}")).pingIota());
    assertEquals(99L, Pong.from(data("{\"last_ping\":99}")).lastPing());
    assertEquals(
        Map.of(OmikronId.of(5), 30L),
        Pong.from(data("{\"ping_clients\":{\"5\":\"30\"}}")).peerPings());
    assertEquals(
        Map.of(OmikronId.of("u"), 31L), Pong.from(data("{\"user_ping\":{\"u\":31}}")).peerPings());
    Pong p = Pong.from(Pong.from(data("{\"ping_clients\":{\"5\":\"30\"}}")).toData());
    assertEquals(30L, p.peerPings().get(OmikronId.of(5)));
  }

  @Test
  void userDataWithEveryField() {
    UserData u =
        UserData.from(
            data(
                "{\"user_id\":1733600000000,\"username\":\"alice\",\"display\":\"Alice\",\"public_key\":\"PK\","
                    + "\"iota_id\":1733600000009,\"online_status\":\"user_dnd\",\"omikron_id\":3,\"omikron_connections\":[3,4],"
                    + "\"sub_level\":1,\"sub_end\":\"1800000000000\",\"about\":\"hi\",\"avatar\":\"AA==\",\"status\":\"busy\",\"future\":1}"));
    assertEquals(OmikronId.of(1733600000000L), u.userId());
    assertEquals(UserState.USER_DND, u.onlineStatus());
    assertEquals(List.of(OmikronId.of(3), OmikronId.of(4)), u.omikronConnections());
    assertEquals(1800000000000L, u.subEnd());
    assertTrue(u.raw().has("future"));
    assertTrue(UserData.from(u.toData()).raw().has("future"));
    assertEquals(u.onlineStatus(), UserData.from(u.toData()).onlineStatus());
  }

  @Test
  void userStatesAreOpen() {
    assertEquals(UserState.USER_ONLINE, UserState.of("online"));
    assertEquals(UserState.USER_ONLINE, UserState.of("USER_ONLINE"));
    assertEquals(UserState.IOTA_OFFLINE, UserState.of("iota_offline"));
    assertTrue(UserState.USER_INVISIBLE.isKnown());
    UserState odd = UserState.of("user_on_mars");
    assertFalse(odd.isKnown());
    assertEquals("user_on_mars", odd.wireName());
    ClientChanged c =
        ClientChanged.from(data("{\"user_id\":\"1733\",\"user_state\":\"user_on_mars\"}"));
    assertEquals(odd, c.userState());
    assertEquals(OmikronId.of(1733), c.userId());
    assertEquals(
        CallState.STREAMING,
        ClientConnected.from(
                data("{\"user_id\":\"u\",\"call_state\":\"streaming\",\"user_state\":\"online\"}"))
            .callState());
  }

  @Test
  void relayedChatMessages() {
    Chats chats =
        Chats.from(
            data(
                "{\"user_ids\":[{\"user_id\":2,\"user_name\":\"bob\",\"last_message_at\":5,"
                    + "\"calls\":[{\"call_id\":\"c1\",\"timeout\":9,\"admin\":true}]},{\"user_id\":3}]}"));
    assertEquals(2, chats.chats().size());
    assertEquals("c1", chats.chats().get(0).calls().get(0).callId());
    assertEquals(chats.chats(), Chats.from(chats.toData()).chats());

    Messages msgs =
        Messages.from(
            data(
                "{\"messages\":[{\"timestamp\":5,\"content\":\"b64\",\"sent_by_self\":false,\"message_state\":\"read\"}]}"));
    assertEquals(MessageState.READ, msgs.messages().get(0).messageState());
    assertEquals(msgs.messages(), Messages.from(msgs.toData()).messages());

    MessageLive live =
        MessageLive.from(
            data("{\"send_time\":\"1733600000000\",\"message\":\"b64\",\"sender_id\":2}"));
    assertEquals(1733600000000L, live.sendTime());
    assertTrue(
        live.toData().asMap().get("send_time") instanceof String,
        "send_time goes back as an int-str");

    CallInvite inv =
        CallInvite.from(
            data("{\"call_id\":\"c\",\"receiver_id\":\"1733\",\"sender_id\":\"1734\"}"));
    assertEquals(OmikronId.of(1734), inv.senderId());

    Notifications n = Notifications.from(data("{\"notifications\":[{\"sender\":2,\"amount\":3}]}"));
    assertEquals(3L, n.notifications().get(0).amount());
    assertEquals(
        List.of("a", "b"), SettingsList.from(data("{\"settings\":[\"a\",\"b\"]}")).settings());
    assertEquals(
        Map.of(OmikronId.of(2), UserState.USER_IDLE),
        UserStates.from(data("{\"user_states\":{\"2\":\"user_idle\"}}")).userStates());
  }

  @Test
  void aJsonNullInTheSettingsNamesIsNoName() {
    // settings() is a List<String> (what OmikronClient.settingsList() hands the user): a hostile
    // or broken reply's null element is skipped, as null user states and ids are, not passed on
    List<String> names = SettingsList.from(data("{\"settings\":[\"a\",null,\"b\"]}")).settings();
    assertEquals(List.of("a", "b"), names);
  }

  @Test
  void requestsWriteIdsAsNumbersAndKeepSecretsOutOfToString() {
    String json =
        OmikronCodec.encode(
            OmikronMessage.of(
                MessageSend.type(),
                new MessageSend(OmikronId.of(1733600000001L), "b64", null).toData()));
    assertTrue(json.contains("\"receiver_id\":1733600000001"), json);
    Identification id = new Identification(OmikronId.of(1), null, null, "deadbeefhash", null, null);
    assertFalse(id.toString().contains("deadbeefhash"));
    assertFalse(new CallToken("c", "JWT-SECRET", null).toString().contains("JWT-SECRET"));
    assertFalse(new ChallengeResponse("ANSWER", null).toString().contains("ANSWER"));
  }

  @Test
  void wrongTypesInTypedModelsAreTypedErrors() {
    assertThrows(
        OmikronFormatException.class, () -> UserData.from(data("{\"user_id\":{\"x\":1}}")));
    assertThrows(
        OmikronFormatException.class,
        () -> Chats.from(data("{\"user_ids\":[1,{\"user_id\":2}]}")),
        "a list mixing ids and objects");
    assertThrows(OmikronFormatException.class, () -> Chats.from(data("{\"user_ids\":[true]}")));
    assertThrows(
        OmikronFormatException.class, () -> MessagesGet.from(data("{\"offset\":\"ten\"}")));
    assertThrows(OmikronFormatException.class, () -> Pong.from(data("{\"ping_iota\":1.5}")));
  }

  @Test
  void errorReplies() {
    OmikronMessage m =
        OmikronCodec.decode(
            "{\"id\":\"a\",\"type\":\"error_invalid_user_id\",\"data\":{\"error_type\":\"You are sending to another User without authority.\"}}");
    assertTrue(m.type().isError());
    ErrorReply e = ErrorReply.from(m);
    assertEquals(MessageType.ERROR_INVALID_USER_ID, e.type());
    assertTrue(e.errorType().startsWith("You are"));
    assertTrue(MessageType.of("Error_Something_New").isError());
    assertFalse(MessageType.SUCCESS.isError());
  }

  @Test
  void serverToServerAndCallSignallingRecords() {
    CompleteRegisterUser reg =
        CompleteRegisterUser.from(
            data(
                "{\"user_id\":5,\"username\":\"u\",\"public_key\":\"PK\",\"iota_id\":9,\"reset_token\":\"RESET-SECRET\"}"));
    assertEquals(OmikronId.of(9), reg.iotaId());
    assertFalse(reg.toString().contains("RESET-SECRET"));
    assertEquals(
        List.of(OmikronId.of(1), OmikronId.of(2)),
        SyncClientIotaStatus.from(
                data("{\"iota_ids\":[1,2],\"user_ids\":[],\"rho_connections\":2}"))
            .iotaIds());
    StreamSignal sdp =
        StreamSignal.from(
            data("{\"receiver_id\":\"u2\",\"sender_id\":\"u1\",\"payload\":{\"sdp\":\"v=0\"}}"));
    assertEquals(OmikronId.of("u2"), sdp.receiverId());
    assertTrue(sdp.payload() instanceof Map);
    assertEquals(OmikronId.of(7), GetRegister.from(data("{\"user_id\":\"7\"}")).userId());
    assertEquals(
        "https://x/direct/ab", ShortenLink.from(data("{\"link\":\"https://x/direct/ab\"}")).link());
  }

  @Test
  void getChatsOnTtpIsAListOfUserIds() {
    // TTP's user_ids key holds int64s (TtpDataKeys: ARRAY of INT64); this used to be refused
    Chats chats = Chats.from(data("{\"user_ids\":[1733600000001,1733600000002]}"));
    assertEquals(
        List.of(OmikronId.of(1733600000001L), OmikronId.of(1733600000002L)),
        chats.chats().stream().map(ChatSummary::userId).toList());
    assertTrue(chats.chats().get(0).calls().isEmpty());
  }
}
