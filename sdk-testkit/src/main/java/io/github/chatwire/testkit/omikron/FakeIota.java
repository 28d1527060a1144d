package io.github.chatwire.testkit.omikron;

import io.github.chatwire.core.ChatwireRuntime;
import io.github.chatwire.core.connection.ConnectionOptions;
import io.github.chatwire.omikron.IotaConnection;
import io.github.chatwire.omikron.IotaListener;
import io.github.chatwire.omikron.IotaRequest;
import io.github.chatwire.omikron.OmikronPrivateKey;
import io.github.chatwire.omikron.model.ChatSummary;
import io.github.chatwire.omikron.model.Chats;
import io.github.chatwire.omikron.model.MessageState;
import io.github.chatwire.omikron.model.MessageType;
import io.github.chatwire.omikron.model.Messages;
import io.github.chatwire.omikron.model.OmikronData;
import io.github.chatwire.omikron.model.OmikronId;
import io.github.chatwire.omikron.model.OmikronMessage;
import io.github.chatwire.omikron.model.StoredMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A fake Iota (a user's home server) built on the SDK's {@link IotaConnection}: it stores direct
 * messages in memory, answers {@code message_send}, {@code get_chats}, {@code messages_get}, {@code
 * add_conversation} and {@code settings_*} like the reference Iota, delivers messages to its own
 * users as {@code message_live} (waiting for their {@code message_state} reply) and to other Iotas'
 * users as {@code message_other_iota}.
 *
 * <p>Thread-safe. Close it after the test.
 */
public final class FakeIota implements AutoCloseable {
  private final IotaConnection connection;
  private final Set<OmikronId> users;
  private final Object lock = new Object();
  // Guarded by lock: per user, per partner, messages oldest first.
  private final Map<OmikronId, Map<OmikronId, List<StoredMessage>>> store = new HashMap<>();
  private final Map<String, String> settings = new LinkedHashMap<>();

  /**
   * Creates a fake Iota (not connected yet).
   *
   * @param url the fake Omikron's Iota URL; never null
   * @param iotaId the Iota's id; never null
   * @param key the Iota's key; never null
   * @param users the users this Iota serves; never null
   * @param runtime the runtime; null for the shared one
   * @param options engine options; null for {@link IotaConnection#defaultOptions()}
   */
  public FakeIota(
      String url,
      OmikronId iotaId,
      OmikronPrivateKey key,
      Set<OmikronId> users,
      ChatwireRuntime runtime,
      ConnectionOptions options) {
    this.users = new HashSet<>(Objects.requireNonNull(users, "users"));
    IotaConnection.Builder b =
        IotaConnection.builder().url(url).iotaId(iotaId).privateKey(key).listener(new Handler());
    if (runtime != null) {
      b.runtime(runtime);
    }
    if (options != null) {
      b.options(options);
    }
    this.connection = b.build();
  }

  /**
   * Connects and identifies.
   *
   * @return completed when identified
   */
  public CompletableFuture<Void> connect() {
    return connection.connect();
  }

  /**
   * @return the underlying connection
   */
  public IotaConnection connection() {
    return connection;
  }

  /**
   * The messages stored for a user's chat with a partner, oldest first.
   *
   * @param user the user
   * @param partner the partner
   * @return a copy
   */
  public List<StoredMessage> messages(OmikronId user, OmikronId partner) {
    synchronized (lock) {
      List<StoredMessage> l = store.getOrDefault(user, Collections.emptyMap()).get(partner);
      return l == null ? Collections.emptyList() : new ArrayList<>(l);
    }
  }

  @Override
  public void close() {
    connection.close();
  }

  private void put(OmikronId user, OmikronId partner, StoredMessage m) {
    synchronized (lock) {
      store
          .computeIfAbsent(user, k -> new LinkedHashMap<>())
          .computeIfAbsent(partner, k -> new ArrayList<>())
          .add(m);
    }
  }

  private void setState(OmikronId user, OmikronId partner, long time, MessageState state) {
    synchronized (lock) {
      List<StoredMessage> l = store.getOrDefault(user, Collections.emptyMap()).get(partner);
      if (l == null) {
        return;
      }
      for (int i = 0; i < l.size(); i++) {
        StoredMessage m = l.get(i);
        if (m.timestamp() != null && m.timestamp() == time) {
          l.set(i, new StoredMessage(m.timestamp(), m.content(), m.sentBySelf(), state));
        }
      }
    }
  }

  // a fake delivers fire-and-forget: a failed send shows up as the client's own timeout
  @SuppressWarnings("FutureReturnValueIgnored")
  private void deliverLive(String id, OmikronId from, OmikronId to, long time, String content) {
    put(to, from, new StoredMessage(time, content, false, MessageState.RECEIVED));
    OmikronData live =
        OmikronData.builder()
            .put("send_time", Long.toString(time))
            .put("message", content)
            .put("sender_id", from)
            .build();
    connection
        .requestFromUser(to, MessageType.MESSAGE_LIVE, live, Duration.ofSeconds(10))
        .whenComplete(
            (reply, e) -> {
              MessageState state = MessageState.SENT;
              if (reply != null) {
                String s = reply.data().getString("message_state");
                state = s == null ? MessageState.RECEIVED : MessageState.of(s);
              }
              setState(to, from, time, state);
              if (users.contains(from)) {
                setState(from, to, time, state);
              } else {
                connection.sendToIota(
                    id,
                    to,
                    from,
                    MessageType.MESSAGE_STATE,
                    OmikronData.builder()
                        .put("send_time", Long.toString(time))
                        .put("message_state", state)
                        .build());
              }
            });
  }

  private final class Handler implements IotaListener {
    @Override
    @SuppressWarnings("FutureReturnValueIgnored") // a lost reply shows up as the client's timeout
    public void onClientRequest(IotaRequest r) {
      OmikronId user = r.sender();
      OmikronData d = r.data();
      MessageType t = r.type();
      if (t.equals(MessageType.MESSAGE_SEND)) {
        OmikronId to = d.getId("receiver_id");
        String content = d.getString("content");
        if (to == null || content == null) {
          r.reply(MessageType.ERROR_INVALID_DATA, null);
          return;
        }
        long now = System.currentTimeMillis();
        put(user, to, new StoredMessage(now, content, true, MessageState.SENT));
        r.replySuccess();
        if (users.contains(to)) {
          deliverLive(r.message().id(), user, to, now, content);
        } else {
          connection.sendToIota(
              r.message().id(),
              user,
              to,
              MessageType.MESSAGE_OTHER_IOTA,
              OmikronData.builder()
                  .put("receiver_id", to)
                  .put("sender_id", user)
                  .put("send_time", Long.toString(now))
                  .put("content", content)
                  .build());
        }
      } else if (t.equals(MessageType.GET_CHATS)) {
        List<ChatSummary> chats = new ArrayList<>();
        synchronized (lock) {
          for (Map.Entry<OmikronId, List<StoredMessage>> e :
              store.getOrDefault(user, Collections.emptyMap()).entrySet()) {
            List<StoredMessage> l = e.getValue();
            chats.add(
                new ChatSummary(
                    e.getKey(), null, l.isEmpty() ? null : l.get(l.size() - 1).timestamp(), null));
          }
        }
        r.reply(MessageType.GET_CHATS, new Chats(chats, null).toData());
      } else if (t.equals(MessageType.MESSAGES_GET)) {
        OmikronId partner = d.getId("user_id");
        long offset = d.getLong("offset") == null ? 0 : d.getLong("offset");
        long amount = d.getLong("amount") == null ? 50 : d.getLong("amount");
        List<StoredMessage> all =
            partner == null ? Collections.emptyList() : messages(user, partner);
        Collections.reverse(all);
        List<StoredMessage> page = new ArrayList<>();
        for (int i = (int) offset; i < all.size() && page.size() < amount; i++) {
          page.add(all.get(i));
        }
        r.reply(MessageType.MESSAGES_GET, new Messages(page, null).toData());
      } else if (t.equals(MessageType.ADD_CONVERSATION)) {
        OmikronId partner = d.getId("chat_partner_id");
        if (partner != null) {
          synchronized (lock) {
            store
                .computeIfAbsent(user, k -> new LinkedHashMap<>())
                .computeIfAbsent(partner, k -> new ArrayList<>());
          }
        }
        r.reply(MessageType.ADD_CONVERSATION, null);
      } else if (t.equals(MessageType.SETTINGS_SAVE)) {
        synchronized (lock) {
          Object p = d.get("payload");
          settings.put(
              user + "/" + d.getString("settings_name"), p == null ? "null" : p.toString());
        }
        r.reply(MessageType.SETTINGS_SAVE, null);
      } else if (t.equals(MessageType.SETTINGS_LOAD)) {
        String name = d.getString("settings_name");
        String payload;
        synchronized (lock) {
          payload = settings.get(user + "/" + name);
        }
        r.reply(
            MessageType.SETTINGS_LOAD,
            OmikronData.builder()
                .put("settings_name", name)
                .put("payload", payload == null ? "" : payload)
                .build());
      } else if (t.equals(MessageType.SETTINGS_LIST)) {
        List<String> names = new ArrayList<>();
        synchronized (lock) {
          for (String k : settings.keySet()) {
            if (k.startsWith(user + "/")) {
              names.add(k.substring(user.toString().length() + 1));
            }
          }
        }
        r.reply(MessageType.SETTINGS_LIST, OmikronData.builder().put("settings", names).build());
      }
    }

    @Override
    public void onIotaMessage(OmikronMessage m) {
      OmikronData d = m.data();
      if (m.type().equals(MessageType.MESSAGE_OTHER_IOTA)) {
        OmikronId to = d.getId("receiver_id");
        OmikronId from = d.getId("sender_id");
        Long time = d.getLong("send_time");
        if (to != null && from != null && time != null && users.contains(to)) {
          deliverLive(m.id(), from, to, time, d.getString("content"));
        }
      } else if (m.type().equals(MessageType.MESSAGE_STATE)) {
        Long time = d.getLong("send_time");
        String state = d.getString("message_state");
        if (m.receiver() != null && m.sender() != null && time != null && state != null) {
          setState(m.receiver(), m.sender(), time, MessageState.of(state));
        }
      }
    }
  }
}
