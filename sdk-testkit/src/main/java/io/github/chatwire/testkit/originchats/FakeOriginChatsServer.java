package io.github.chatwire.testkit.originchats;

import io.github.chatwire.core.time.Cancellable;
import io.github.chatwire.core.time.Scheduler;
import io.github.chatwire.core.time.SystemScheduler;
import io.github.chatwire.originchats.codec.OcJson;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/**
 * A fake OriginChats server on loopback (MockWebServer with a WebSocket upgrade on {@code /} and
 * the HTTP routes), faithful to the reference server where SDK behaviour depends on it:
 * <ul>
 *   <li>handshake with a fresh random {@code validator_key} per connection, limits, capabilities,
 *       permissions and {@code auth_mode};</li>
 *   <li>login by Rotur validator (this server also plays Rotur: {@code GET /generate_validator},
 *       {@code GET /validate}, validators bound to one key) and by local {@code login}/{@code register};
 *       {@code auth_success} then {@code ready}; {@code auth_error} texts of the reference;</li>
 *   <li>channels, messages (new, edit, delete, get, integer-offset {@code messages_get} with the
 *       reference's order and caps, {@code messages_around}), reactions, typing, users, slash
 *       commands (register, call routed to the registering connection, response);</li>
 *   <li>the reference rate limiter for message_new, typing and message_edit (per user: per minute,
 *       burst within 10 s, cooldown), answering {@code rate_limit {reason, length}};</li>
 *   <li>{@code listener} copied into every direct reply, never into broadcasts; global events to the
 *       other sockets first, then the reply to the sender;</li>
 *   <li>a {@code ping} every 30 s on the given scheduler (so tests can use virtual time);</li>
 *   <li>{@code POST /attachments/upload}, {@code GET /attachments/{id}}, {@code GET /info};</li>
 *   <li>fault injection: stall (receive but answer nothing, no pings), drop all sockets, silence
 *       one command (no reply, as when the real server raises), raw frames to every socket.</li>
 * </ul>
 * Thread-safe. Close it to stop the server and its own timer thread.
 */
public final class FakeOriginChatsServer implements Closeable {
    /** The 20 server-wide permission names the handshake lists. */
    public static final List<String> PERMISSIONS = Collections.unmodifiableList(Arrays.asList("administrator",
            "manage_server", "view_audit_log", "manage_roles", "manage_channels", "manage_threads", "manage_users",
            "manage_messages", "read_message_history", "send_messages", "embed_links", "attach_files",
            "add_reactions", "external_emojis", "connect", "speak", "stream", "use_voice_activity",
            "mention_everyone", "use_slash_commands"));

    private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long MINUTE_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long BURST_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Object lock = new Object();
    private final MockWebServer web = new MockWebServer();
    private final Scheduler scheduler;
    private final ScheduledExecutorService ownExecutor;
    private final String authMode;
    private final boolean aroundCapability;
    private final long postContent;
    private final int perMinute;
    private final int burst;
    private final long cooldownNanos;
    private final SecureRandom random = new SecureRandom();

    private final List<Conn> conns = new ArrayList<>();
    private final Map<String, String> passwords = new HashMap<>(); // username -> password
    private final Map<String, String[]> roturTokens = new HashMap<>(); // token -> {id, username}
    private final Map<String, String[]> validators = new HashMap<>(); // validator -> {key, id, username}
    private final Map<String, Map<String, Object>> channels = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> messages = new HashMap<>();
    private final Map<String, Map<String, Object>> attachments = new HashMap<>();
    private final Map<String, byte[]> attachmentData = new HashMap<>();
    private final Map<String, Limiter> limiters = new HashMap<>();
    private final Map<String, List<Map<String, Object>>> slash = new LinkedHashMap<>(); // owner conn id -> commands
    private final Map<String, String> silenced = new ConcurrentHashMap<>();
    private final Map<String, BiFunction<String, Map<String, Object>, Map<String, Object>>> scripts =
            new ConcurrentHashMap<>();
    private final List<String> issuedKeys = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger rateLimitsSent = new AtomicInteger();
    private final AtomicInteger connIds = new AtomicInteger();
    private volatile boolean stalled;
    private boolean started;

    private FakeOriginChatsServer(Builder b) {
        if (b.scheduler != null) {
            scheduler = b.scheduler;
            ownExecutor = null;
        } else {
            ownExecutor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "fake-originchats-timer");
                t.setDaemon(true);
                return t;
            });
            scheduler = new SystemScheduler(ownExecutor);
        }
        authMode = b.authMode;
        aroundCapability = b.aroundCapability;
        postContent = b.postContent;
        perMinute = b.perMinute;
        burst = b.burst;
        cooldownNanos = TimeUnit.SECONDS.toNanos(b.cooldownSeconds);
        for (String name : b.channels) {
            addChannelLocked(name, "text");
        }
        web.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return route(request);
            }
        });
    }

    /**
     * Starts building a server.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts listening on a loopback port. Idempotent.
     *
     * @return this server
     * @throws IOException if the port cannot be bound
     */
    public FakeOriginChatsServer start() throws IOException {
        synchronized (lock) {
            if (!started) {
                web.start(InetAddress.getLoopbackAddress(), 0);
                started = true;
            }
        }
        return this;
    }

    /**
     * The WebSocket URL to connect to.
     *
     * @return e.g. "ws://127.0.0.1:5613/"
     */
    public String wsUrl() {
        return "ws://" + web.getHostName() + ":" + web.getPort() + "/";
    }

    /**
     * The HTTP base URL of the server, which is also this fake's Rotur API base URL.
     *
     * @return e.g. "http://127.0.0.1:5613"
     */
    public String httpUrl() {
        return "http://" + web.getHostName() + ":" + web.getPort();
    }

    // ------------------------------------------------------------------ setup

    /**
     * Adds a local (cracked) account.
     *
     * @param username the login name
     * @param password the password
     * @return this server
     */
    public FakeOriginChatsServer addAccount(String username, String password) {
        synchronized (lock) {
            passwords.put(username.toLowerCase(java.util.Locale.ROOT), password);
        }
        return this;
    }

    /**
     * Forgets every local account, as a server restored from an empty database does: a later
     * {@code login} answers {@code auth_error "User not found"} until the account registers again.
     * Open connections stay logged in.
     *
     * @return this server
     */
    public FakeOriginChatsServer wipeAccounts() {
        synchronized (lock) {
            passwords.clear();
        }
        return this;
    }

    /**
     * Adds a Rotur user whose token can generate validators on this server's Rotur routes.
     *
     * @param token the user's Rotur token
     * @param userId the Rotur id, e.g. "USR:alice0001"
     * @param username the username
     * @return this server
     */
    public FakeOriginChatsServer addRoturUser(String token, String userId, String username) {
        synchronized (lock) {
            roturTokens.put(token, new String[] {userId, username});
        }
        return this;
    }

    /**
     * Adds a channel.
     *
     * @param name the name
     * @param type "text", "voice", "forum" or "separator"
     * @return this server
     */
    public FakeOriginChatsServer addChannel(String name, String type) {
        synchronized (lock) {
            addChannelLocked(name, type);
        }
        return this;
    }

    private void addChannelLocked(String name, String type) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", type);
        c.put("name", name);
        c.put("description", "the " + name + " channel");
        Map<String, Object> perms = new LinkedHashMap<>();
        perms.put("view", Collections.singletonList("user"));
        perms.put("send", Collections.singletonList("user"));
        perms.put("react", Collections.singletonList("user"));
        c.put("permissions", perms);
        channels.put(name, c);
        messages.put(name, new ArrayList<>());
    }

    /**
     * Stores messages in a channel without any socket seeing them (history for paging tests).
     *
     * @param channel an existing channel
     * @param user the author
     * @param count how many; contents "msg 0" .. "msg count-1", oldest first
     * @return the ids, oldest first
     */
    public List<String> seedMessages(String channel, String user, int count) {
        synchronized (lock) {
            List<String> ids = new ArrayList<>();
            List<Map<String, Object>> list = channelMessages(channel);
            for (int i = 0; i < count; i++) {
                Map<String, Object> m = newMessage(user, "msg " + i);
                list.add(m);
                ids.add((String) m.get("id"));
            }
            return ids;
        }
    }

    /**
     * Deletes a stored message without any socket seeing it.
     *
     * @param channel the channel
     * @param id the message id
     * @return true if it existed
     */
    public boolean deleteMessage(String channel, String id) {
        synchronized (lock) {
            Map<String, Object> m = find(channel, id);
            return m != null && channelMessages(channel).remove(m);
        }
    }

    // ------------------------------------------------------------------ fault injection and inspection

    /**
     * Stalls or resumes: while stalled the server reads frames but answers nothing and sends no pings
     * (a half-dead server), and accepts no new sockets' frames either.
     *
     * @param stall true to stall
     */
    public void stall(boolean stall) {
        stalled = stall;
    }

    /**
     * Drops every socket: closes it with 1012 (service restart), as a restarting server does. The
     * connections are forgotten at once, so their later frames are ignored.
     */
    public void dropAll() {
        List<Conn> copy;
        synchronized (lock) {
            copy = new ArrayList<>(conns);
        }
        for (Conn c : copy) {
            c.ws.close(1012, "dropped by the fake server");
        }
    }

    /**
     * Makes a command go unanswered (as when the real server raises inside a handler).
     *
     * @param cmd the command
     */
    public void silence(String cmd) {
        silenced.put(cmd, cmd);
    }

    /**
     * Scripts a command: the function gets the logged-in username and the request and returns the
     * reply (the server adds the request's listener), or null for no reply. Overrides the built-in
     * handling of that command. Called with the server's lock held, on a server thread.
     *
     * @param cmd the command
     * @param handler the script; never null
     */
    public void script(String cmd, BiFunction<String, Map<String, Object>, Map<String, Object>> handler) {
        scripts.put(cmd, handler);
    }

    /**
     * Kicks a user the way the reference's /ban does: {@code disconnect {reason}}, then a close.
     *
     * @param username the user
     * @param reason the reason sent
     */
    public void kick(String username, String reason) {
        List<Conn> copy = new ArrayList<>();
        synchronized (lock) {
            for (Conn c : conns) {
                if (username.equals(c.username)) {
                    copy.add(c);
                }
            }
        }
        for (Conn c : copy) {
            c.send(frame("disconnect", "reason", reason));
            c.ws.close(1000, null);
        }
    }

    /**
     * Sends a raw text frame to every open socket (bad-input tests).
     *
     * @param text the frame
     */
    public void sendRawToAll(String text) {
        List<Conn> copy;
        synchronized (lock) {
            copy = new ArrayList<>(conns);
        }
        for (Conn c : copy) {
            c.ws.send(text);
        }
    }

    /**
     * The validator keys sent in handshakes so far, in order.
     *
     * @return a snapshot
     */
    public List<String> issuedValidatorKeys() {
        return new ArrayList<>(issuedKeys);
    }

    /**
     * The commands received so far (after login or not), in order.
     *
     * @return a snapshot
     */
    public List<String> receivedCommands() {
        return new ArrayList<>(received);
    }

    /**
     * How many rate_limit frames the server has sent.
     *
     * @return the count
     */
    public int rateLimitsSent() {
        return rateLimitsSent.get();
    }

    /**
     * The number of open sockets.
     *
     * @return the count
     */
    public int openConnections() {
        synchronized (lock) {
            return conns.size();
        }
    }

    /**
     * The stored messages of a channel, oldest first, as JSON trees.
     *
     * @param channel the channel
     * @return a snapshot
     */
    public List<Map<String, Object>> messages(String channel) {
        synchronized (lock) {
            return new ArrayList<>(channelMessages(channel));
        }
    }

    @Override
    public void close() throws IOException {
        dropAll();
        synchronized (lock) {
            for (Conn c : conns) {
                c.ping.cancel();
            }
            conns.clear();
        }
        web.shutdown();
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ HTTP

    private MockResponse route(RecordedRequest request) {
        HttpUrl url = request.getRequestUrl();
        String path = url == null ? "/" : url.encodedPath();
        String method = request.getMethod();
        if ("GET".equals(method) && "/".equals(path) && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            return new MockResponse().withWebSocketUpgrade(new SocketListener());
        }
        synchronized (lock) {
            if ("GET".equals(method) && "/generate_validator".equals(path)) {
                return generateValidator(request, url);
            }
            if ("GET".equals(method) && "/validate".equals(path)) {
                String[] v = validators.get(url.queryParameter("v"));
                boolean ok = v != null && v[0].equals(url.queryParameter("key"));
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("valid", ok);
                if (ok) {
                    body.put("username", v[2]);
                    body.put("id", v[1]);
                } else {
                    body.put("error", "Invalid validator");
                }
                return json(200, body);
            }
            if ("POST".equals(method) && "/attachments/upload".equals(path)) {
                return upload(request);
            }
            if ("GET".equals(method) && path.startsWith("/attachments/")) {
                byte[] data = attachmentData.get(path.substring("/attachments/".length()));
                if (data == null) {
                    return json(404, Collections.singletonMap("error", "Attachment not found"));
                }
                String id = path.substring("/attachments/".length());
                return new MockResponse().setResponseCode(200)
                        .setHeader("Content-Type", String.valueOf(attachments.get(id).get("mime_type")))
                        .setBody(new Buffer().write(data));
            }
            if ("GET".equals(method) && "/info".equals(path)) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("server", serverInfo());
                Map<String, Object> stats = new LinkedHashMap<>();
                stats.put("connected_users", conns.size());
                stats.put("total_channels", channels.size());
                body.put("stats", stats);
                return json(200, body);
            }
        }
        return json(404, Collections.singletonMap("error", "Not found"));
    }

    private MockResponse generateValidator(RecordedRequest request, HttpUrl url) {
        String auth = request.getHeader("Authorization");
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : url.queryParameter("auth");
        String key = url.queryParameter("key");
        String[] user = token == null ? null : roturTokens.get(token);
        if (key == null) {
            return json(400, Collections.singletonMap("error", "key is required"));
        }
        if (user == null) {
            return json(401, Collections.singletonMap("error", "Invalid token"));
        }
        String validator = user[0] + "," + randomHex(32);
        validators.put(validator, new String[] {key, user[0], user[1]});
        return json(200, Collections.singletonMap("validator", validator));
    }

    private MockResponse upload(RecordedRequest request) {
        Map<String, Object> body;
        try {
            body = OcJson.parseObject(request.getBody().readUtf8());
        } catch (RuntimeException e) {
            return json(400, Collections.singletonMap("error", "Invalid JSON"));
        }
        String[] v = validators.get(String.valueOf(body.get("validator")));
        if (v == null || !v[0].equals(body.get("validator_key"))) {
            return json(401, Collections.singletonMap("error", "Invalid authentication"));
        }
        if (!channels.containsKey(String.valueOf(body.get("channel")))) {
            return json(404, Collections.singletonMap("error", "Channel not found"));
        }
        String file = String.valueOf(body.get("file"));
        int comma = file.startsWith("data:") ? file.indexOf(',') : -1;
        byte[] data;
        try {
            data = Base64.getDecoder().decode(file.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            return json(400, Collections.singletonMap("error", "Invalid file data"));
        }
        String id = UUID.randomUUID().toString();
        Map<String, Object> att = new LinkedHashMap<>();
        att.put("id", id);
        att.put("name", body.get("name"));
        att.put("mime_type", body.get("mime_type"));
        att.put("size", data.length);
        att.put("url", httpUrl() + "/attachments/" + id);
        att.put("expires_at", scheduler.currentTimeMillis() / 1000.0 + 49 * 86400);
        att.put("permanent", false);
        att.put("uploader", v[1]);
        attachments.put(id, att);
        attachmentData.put(id, data);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("attachment", publicAttachment(att));
        reply.put("permanent", false);
        return json(201, reply);
    }

    private static Map<String, Object> publicAttachment(Map<String, Object> att) {
        Map<String, Object> copy = new LinkedHashMap<>(att);
        copy.remove("uploader");
        return copy;
    }

    private static MockResponse json(int code, Object body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(OcJson.write(body));
    }

    // ------------------------------------------------------------------ WebSocket

    private final class Conn {
        final String id = "c" + connIds.incrementAndGet();
        final WebSocket ws;
        final String validatorKey;
        String userId;
        String username;
        boolean cracked;
        Cancellable ping = Cancellable.NONE;

        Conn(WebSocket ws, String validatorKey) {
            this.ws = ws;
            this.validatorKey = validatorKey;
        }

        boolean authed() {
            return userId != null;
        }

        void send(Map<String, Object> frame) {
            ws.send(OcJson.write(frame));
        }
    }

    private final class SocketListener extends WebSocketListener {
        private Conn conn;

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            synchronized (lock) {
                String key = "originChats-" + randomToken(32);
                conn = new Conn(webSocket, key);
                conns.add(conn);
                issuedKeys.add(key);
                conn.send(handshake(key));
                schedulePing(conn);
            }
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            if (stalled) {
                return;
            }
            synchronized (lock) {
                Conn c = conn;
                if (c == null || !conns.contains(c)) {
                    return;
                }
                Map<String, Object> frame;
                try {
                    frame = OcJson.parseObject(text);
                } catch (RuntimeException e) {
                    return; // the reference logs and answers nothing
                }
                handle(c, frame);
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
            gone();
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            gone();
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            gone();
        }

        private void gone() {
            synchronized (lock) {
                Conn c = conn;
                if (c != null && conns.remove(c)) {
                    c.ping.cancel();
                    List<Map<String, Object>> mine = slash.remove(c.id);
                    if (mine != null) {
                        List<Object> names = new ArrayList<>();
                        for (Map<String, Object> m : mine) {
                            names.add(m.get("name"));
                        }
                        broadcast(frame("slash_remove", "commands", names), null);
                    }
                    if (c.authed() && !userOnline(c.userId)) {
                        broadcast(frame("user_disconnect", "username", c.username), null);
                    }
                }
            }
        }
    }

    private void schedulePing(Conn c) {
        c.ping = scheduler.schedule(() -> {
            synchronized (lock) {
                if (!conns.contains(c)) {
                    return;
                }
                if (!stalled) {
                    c.send(frame("ping"));
                }
                schedulePing(c);
            }
        }, HEARTBEAT_NANOS, TimeUnit.NANOSECONDS);
    }

    private Map<String, Object> handshake(String key) {
        Map<String, Object> val = new LinkedHashMap<>();
        val.put("server", serverInfo());
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("post_content", postContent);
        limits.put("search_results", 30);
        val.put("limits", limits);
        Map<String, Object> att = new LinkedHashMap<>();
        att.put("enabled", true);
        att.put("max_size", 104857600);
        att.put("allowed_types", Arrays.asList("image/*", "video/*", "audio/*", "application/pdf", "text/plain"));
        att.put("max_attachments_per_user", -1);
        att.put("permanent_tiers", Arrays.asList("pro", "max"));
        val.put("attachments", att);
        val.put("version", "1.1.0");
        val.put("validator_key", key);
        List<String> caps = new ArrayList<>(Arrays.asList("auth", "channels_get", "message_delete", "message_edit",
                "message_get", "message_new", "message_react_add", "message_react_remove", "messages_get", "ping",
                "slash_call", "slash_list", "slash_register", "slash_response", "typing", "users_list", "users_online"));
        if (aroundCapability) {
            caps.add("messages_around");
        }
        Collections.sort(caps);
        val.put("capabilities", caps);
        val.put("permissions", PERMISSIONS);
        val.put("auth_mode", authMode);
        return frame("handshake", "val", val);
    }

    private Map<String, Object> serverInfo() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", "Fake OriginChats");
        s.put("owner", Collections.singletonMap("name", "owner"));
        s.put("url", httpUrl());
        return s;
    }

    private void handle(Conn c, Map<String, Object> f) {
        Object cmdObj = f.get("cmd");
        String cmd = cmdObj instanceof String ? (String) cmdObj : null;
        received.add(String.valueOf(cmd));
        Object l = f.get("listener");
        String listener = l instanceof String ? (String) l : null;
        if (!c.authed()) {
            if ("auth".equals(cmd)) {
                auth(c, f);
            } else if (("login".equals(cmd) || "register".equals(cmd)) && !"rotur".equals(authMode)) {
                password(c, cmd, f);
            } else {
                c.send(frame("auth_error", "val", "Authentication required"));
            }
            return;
        }
        if (cmd == null || silenced.containsKey(cmd)) {
            return;
        }
        BiFunction<String, Map<String, Object>, Map<String, Object>> script = scripts.get(cmd);
        Map<String, Object> reply = script != null ? script.apply(c.username, f) : dispatch(c, cmd, f);
        if (reply == null) {
            return;
        }
        boolean global = Boolean.TRUE.equals(reply.get("global"));
        if (global) {
            broadcast(reply, c);
        }
        if (listener != null) {
            reply = new LinkedHashMap<>(reply);
            reply.put("listener", listener);
        }
        c.send(reply);
    }

    private void auth(Conn c, Map<String, Object> f) {
        if ("cracked-only".equals(authMode)) {
            c.send(frame("auth_error", "val", "Rotur authentication is disabled. Use login or register commands."));
            return;
        }
        String[] v = validators.get(String.valueOf(f.get("validator")));
        if (v == null || !v[0].equals(c.validatorKey)) {
            c.send(frame("auth_error", "val", "Invalid authentication"));
            return;
        }
        loggedIn(c, v[1], v[2], false);
    }

    private void password(Conn c, String cmd, Map<String, Object> f) {
        Object u = f.get("username");
        Object p = f.get("password");
        if (!(u instanceof String) || !(p instanceof String)) {
            c.send(frame("auth_error", "val", "Username and password required"));
            return;
        }
        String name = ((String) u).toLowerCase(java.util.Locale.ROOT);
        if ("register".equals(cmd)) {
            if (!name.matches("[a-z0-9_-]{2,32}")) {
                c.send(frame("auth_error", "val", "Username must be 2-32 characters"));
                return;
            }
            if (passwords.containsKey(name)) {
                c.send(frame("auth_error", "val", "Username already taken"));
                return;
            }
            passwords.put(name, (String) p);
        } else {
            String stored = passwords.get(name);
            if (stored == null) {
                c.send(frame("auth_error", "val", "User not found"));
                return;
            }
            if (!stored.equals(p)) {
                c.send(frame("auth_error", "val", "Invalid password"));
                return;
            }
        }
        loggedIn(c, "USR:local_" + name, "USR:local_" + name, true);
    }

    private void loggedIn(Conn c, String id, String username, boolean cracked) {
        boolean first = !userOnline(id);
        c.userId = id;
        c.username = username;
        c.cracked = cracked;
        c.send(frame("auth_success", "val", "Authentication successful"));
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        if (cracked) {
            user.put("nickname", username.substring("USR:local_".length()));
        }
        user.put("roles", Collections.singletonList("user"));
        user.put("status", status());
        user.put("cracked", cracked);
        c.send(frame("ready", "user", user, "validator", randomToken(43)));
        if (first) {
            broadcast(frame("user_connect", "user", userSummary(c)), null);
        }
    }

    private boolean userOnline(String id) {
        for (Conn o : conns) {
            if (id.equals(o.userId)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("status", "online");
        s.put("text", "");
        return s;
    }

    private static Map<String, Object> userSummary(Conn c) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("username", c.username);
        u.put("roles", Collections.singletonList("user"));
        u.put("color", null);
        return u;
    }

    /** Sends to every other authenticated socket (except {@code except}). */
    private void broadcast(Map<String, Object> frame, Conn except) {
        for (Conn o : conns) {
            if (o != except && o.authed()) {
                o.send(frame);
            }
        }
    }

    private Map<String, Object> dispatch(Conn c, String cmd, Map<String, Object> f) {
        switch (cmd) {
            case "ping":
                return frame("pong", "val", "pong");
            case "channels_get":
                return frame("channels_get", "val", new ArrayList<>(channels.values()));
            case "users_online":
            case "users_list": {
                List<Object> users = new ArrayList<>();
                List<String> seen = new ArrayList<>();
                for (Conn o : conns) {
                    if (o.authed() && !seen.contains(o.userId)) {
                        seen.add(o.userId);
                        Map<String, Object> u = userSummary(o);
                        u.put("nickname", null);
                        u.put("status", status());
                        users.add(u);
                    }
                }
                return frame(cmd, "users", users);
            }
            case "message_new":
                return messageNew(c, f);
            case "message_edit":
                return messageEdit(c, f);
            case "message_delete": {
                String channel = str(f, "channel");
                if (!channels.containsKey(channel)) {
                    return error("Channel not found", cmd);
                }
                Map<String, Object> m = find(channel, str(f, "id"));
                if (m == null) {
                    return error("Message not found", cmd);
                }
                if (!c.username.equals(m.get("user"))) {
                    return error("You do not have permission to delete this message", cmd);
                }
                channelMessages(channel).remove(m);
                return frame(cmd, "id", m.get("id"), "channel", channel, "global", true);
            }
            case "message_get": {
                String channel = str(f, "channel");
                Map<String, Object> m = channels.containsKey(channel) ? find(channel, str(f, "id")) : null;
                if (m == null) {
                    return error(channels.containsKey(channel) ? "Message not found" : "Channel not found", cmd);
                }
                return frame(cmd, "channel", channel, "message", m);
            }
            case "message_react_add":
            case "message_react_remove":
                return react(c, cmd, f);
            case "typing": {
                String channel = str(f, "channel");
                Map<String, Object> limited = rateLimit(c, cmd);
                if (limited != null) {
                    return limited;
                }
                if (!channels.containsKey(channel)) {
                    return error("Channel not found", cmd);
                }
                return frame("typing", "channel", channel, "user", c.username, "thread_id", null, "global", true);
            }
            case "messages_get":
                return messagesGet(c, f);
            case "messages_around":
                if (!aroundCapability) {
                    return error("Unknown command: messages_around", cmd);
                }
                return messagesAround(f);
            case "slash_register":
                return slashRegister(c, f);
            case "slash_list": {
                List<Object> all = new ArrayList<>();
                for (List<Map<String, Object>> l : slash.values()) {
                    all.addAll(l);
                }
                return frame(cmd, "commands", all);
            }
            case "slash_call":
                return slashCall(c, f);
            case "slash_response": {
                String channel = str(f, "channel");
                if (!channels.containsKey(channel)) {
                    return error("Channel not found", cmd);
                }
                Map<String, Object> m = newMessage(c.username, String.valueOf(f.get("response")));
                Map<String, Object> interaction = new LinkedHashMap<>();
                interaction.put("command", f.get("command"));
                interaction.put("username", usernameOf(str(f, "invoker")));
                m.put("interaction", interaction);
                channelMessages(channel).add(m);
                return frame("message_new", "message", m, "channel", channel, "thread_id", null, "global", true);
            }
            default:
                return error("Unknown command: " + cmd, cmd);
        }
    }

    private String usernameOf(String id) {
        if (id == null) {
            return null;
        }
        for (Conn o : conns) {
            if (id.equals(o.userId)) {
                return o.username;
            }
        }
        return id;
    }

    private Map<String, Object> messageNew(Conn c, Map<String, Object> f) {
        Map<String, Object> limited = rateLimit(c, "message_new");
        if (limited != null) {
            return limited;
        }
        String channel = str(f, "channel");
        if (channel == null || !channels.containsKey(channel)) {
            return error(channel == null ? "Missing fields: channel or thread_id, content or attachments"
                    : "Channel not found", "message_new");
        }
        if (!"text".equals(channels.get(channel).get("type"))) {
            return error("Cannot send messages in this channel type", "message_new");
        }
        Object contentObj = f.get("content");
        String content = contentObj instanceof String ? ((String) contentObj).trim() : "";
        List<Object> atts = new ArrayList<>();
        if (f.get("attachments") instanceof List) {
            for (Object a : (List<?>) f.get("attachments")) {
                Object id = a instanceof Map ? ((Map<?, ?>) a).get("id") : null;
                Map<String, Object> att = attachments.get(String.valueOf(id));
                if (att == null || !c.userId.equals(att.get("uploader"))) {
                    return error("Attachment not found", "message_new");
                }
                atts.add(publicAttachment(att));
            }
        }
        if (content.isEmpty() && atts.isEmpty()) {
            return error("Missing fields: channel or thread_id, content or attachments", "message_new");
        }
        if (content.codePointCount(0, content.length()) > postContent) {
            return error("Message too long. Maximum length is " + postContent + " characters", "message_new");
        }
        Map<String, Object> m = newMessage(c.username, content);
        if (!atts.isEmpty()) {
            m.put("attachments", atts);
        }
        if (f.get("reply_to") instanceof String) {
            Map<String, Object> target = find(channel, (String) f.get("reply_to"));
            if (target == null) {
                return error("The message you're trying to reply to was not found", "message_new");
            }
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("id", target.get("id"));
            ref.put("user", target.get("user"));
            m.put("reply_to", ref);
        }
        channelMessages(channel).add(m);
        Map<String, Object> live = new LinkedHashMap<>(m);
        Map<String, Object> pings = new LinkedHashMap<>();
        pings.put("users", Collections.emptyList());
        pings.put("roles", Collections.emptyList());
        pings.put("replies", Collections.emptyList());
        live.put("pings", pings);
        return frame("message_new", "message", live, "channel", channel, "thread_id", null, "global", true);
    }

    private Map<String, Object> messageEdit(Conn c, Map<String, Object> f) {
        Map<String, Object> limited = rateLimit(c, "message_edit");
        if (limited != null) {
            limited.remove("reason"); // the reference sends no reason for message_edit
            return limited;
        }
        String channel = str(f, "channel");
        if (!channels.containsKey(channel)) {
            return error("Channel not found", "message_edit");
        }
        Map<String, Object> m = find(channel, str(f, "id"));
        if (m == null) {
            return error("Message not found", "message_edit");
        }
        if (!c.username.equals(m.get("user"))) {
            return error("You do not have permission to edit this message", "message_edit");
        }
        Object content = f.get("content");
        if (!(content instanceof String) || ((String) content).trim().isEmpty()) {
            return error("Content is required", "message_edit");
        }
        m.put("content", ((String) content).trim());
        m.put("edited", true);
        return frame("message_edit", "id", m.get("id"), "content", m.get("content"), "message", new LinkedHashMap<>(m),
                "channel", channel, "global", true);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> react(Conn c, String cmd, Map<String, Object> f) {
        String channel = str(f, "channel");
        if (!channels.containsKey(channel)) {
            return error("Channel not found", cmd);
        }
        Map<String, Object> m = find(channel, str(f, "id"));
        Object emoji = f.get("emoji");
        if (m == null) {
            return error("Message not found", cmd);
        }
        if (!(emoji instanceof String) || ((String) emoji).isEmpty() || ((String) emoji).length() > 200) {
            return error("Invalid emoji", cmd);
        }
        Map<String, Object> reactions = (Map<String, Object>) m.computeIfAbsent("reactions", k -> new LinkedHashMap<>());
        List<Object> users = (List<Object>) reactions.computeIfAbsent((String) emoji, k -> new ArrayList<>());
        boolean add = "message_react_add".equals(cmd);
        if (add == users.contains(c.username)) {
            return error(add ? "Failed to add reaction" : "Failed to remove reaction", cmd);
        }
        if (add) {
            users.add(c.username);
        } else {
            users.remove(c.username);
            if (users.isEmpty()) {
                reactions.remove(emoji);
            }
            if (reactions.isEmpty()) {
                m.remove("reactions");
            }
        }
        return frame(cmd, "id", m.get("id"), "emoji", emoji, "channel", channel, "from", c.username, "global", true);
    }

    private Map<String, Object> messagesGet(Conn c, Map<String, Object> f) {
        String channel = str(f, "channel");
        if (!channels.containsKey(channel)) {
            return error("Channel not found", "messages_get");
        }
        Object s = f.get("start");
        Object l = f.get("limit");
        if (s != null && !(s instanceof Double)) {
            return null; // the reference computes start + limit first and raises: no reply at all
        }
        int start = s == null ? 0 : ((Double) s).intValue();
        int limit = l instanceof Double ? Math.min(200, ((Double) l).intValue()) : 100;
        List<Map<String, Object>> list = channelMessages(channel);
        int end = Math.max(0, list.size() - start);
        int begin = Math.max(0, end - limit);
        List<Object> page = new ArrayList<>();
        for (Map<String, Object> m : list.subList(begin, end)) {
            page.add(new LinkedHashMap<>(m));
        }
        if (!list.isEmpty()) {
            Map<String, Object> upd = frame("unreads_update", "last_read", list.get(list.size() - 1).get("id"),
                    "channel", channel);
            for (Conn o : conns) {
                if (c.userId.equals(o.userId)) {
                    o.send(upd);
                }
            }
        }
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("start", start);
        range.put("end", start + limit);
        return frame("messages_get", "channel", channel, "messages", page, "range", range);
    }

    private Map<String, Object> messagesAround(Map<String, Object> f) {
        String channel = str(f, "channel");
        if (!channels.containsKey(channel)) {
            return error("Channel not found", "messages_around");
        }
        String around = str(f, "around");
        if (around == null) {
            return error("around (message ID) is required", "messages_around");
        }
        List<Map<String, Object>> list = channelMessages(channel);
        int idx = -1;
        for (int i = 0; i < list.size(); i++) {
            if (around.equals(list.get(i).get("id"))) {
                idx = i;
                break;
            }
        }
        if (idx < 0) {
            return error("Message not found", "messages_around");
        }
        int above = 50;
        int below = 50;
        if (f.get("bounds") instanceof Map) {
            Map<?, ?> b = (Map<?, ?>) f.get("bounds");
            above = b.get("above") instanceof Double ? Math.min(200, ((Double) b.get("above")).intValue()) : 50;
            below = b.get("below") instanceof Double ? Math.min(200, ((Double) b.get("below")).intValue()) : 50;
        }
        int from = Math.max(0, idx - below);
        int to = Math.min(list.size(), idx + above + 1);
        List<Object> page = new ArrayList<>();
        for (Map<String, Object> m : list.subList(from, to)) {
            page.add(new LinkedHashMap<>(m));
        }
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("start", from);
        range.put("end", to);
        return frame("messages_around", "channel", channel, "thread_id", null, "messages", page, "range", range);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> slashRegister(Conn c, Map<String, Object> f) {
        if (!(f.get("commands") instanceof List)) {
            return error("commands must be a list", "slash_register");
        }
        for (Map.Entry<String, List<Map<String, Object>>> e : slash.entrySet()) {
            if (!e.getKey().equals(c.id) && !e.getValue().isEmpty()
                    && c.username.equals(e.getValue().get(0).get("registeredBy"))) {
                return error("You already have slash commands registered from another session", "slash_register");
            }
        }
        List<Map<String, Object>> mine = new ArrayList<>();
        for (Object o : (List<Object>) f.get("commands")) {
            if (!(o instanceof Map) || !(((Map<String, Object>) o).get("name") instanceof String)) {
                return error("Invalid slash command", "slash_register");
            }
            Map<String, Object> cmd = new LinkedHashMap<>((Map<String, Object>) o);
            cmd.putIfAbsent("options", Collections.emptyList());
            cmd.putIfAbsent("whitelistRoles", null);
            cmd.putIfAbsent("blacklistRoles", null);
            cmd.putIfAbsent("ephemeral", false);
            cmd.put("registeredBy", c.username);
            mine.add(cmd);
        }
        slash.put(c.id, mine);
        for (Conn o : conns) {
            if (o.authed()) {
                o.send(frame("slash_add", "commands", new ArrayList<Object>(mine)));
            }
        }
        return frame("slash_register", "val", mine.size() + " commands registered successfully");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> slashCall(Conn c, Map<String, Object> f) {
        String name = str(f, "command");
        String channel = str(f, "channel");
        for (Map.Entry<String, List<Map<String, Object>>> e : slash.entrySet()) {
            for (Map<String, Object> def : e.getValue()) {
                if (!def.get("name").equals(name)) {
                    continue;
                }
                Map<String, Object> args = f.get("args") instanceof Map ? (Map<String, Object>) f.get("args")
                        : Collections.<String, Object>emptyMap();
                if (def.get("options") instanceof List) {
                    for (Object op : (List<Object>) def.get("options")) {
                        Map<String, Object> opt = (Map<String, Object>) op;
                        boolean required = !Boolean.FALSE.equals(opt.get("required"));
                        if (required && !args.containsKey(opt.get("name"))) {
                            return error("Missing required argument: " + opt.get("name"), "slash_call");
                        }
                    }
                }
                Map<String, Object> val = new LinkedHashMap<>();
                val.put("command", name);
                val.put("args", args);
                val.put("commander", def.get("registeredBy"));
                Map<String, Object> call = frame("slash_call", "val", val, "invoker", c.userId, "invokerUsername",
                        c.username, "channel", channel);
                // the reference queues this one object for the bot, then adds the caller's listener to
                // it before replying: the bot receives the caller's listener too (protocol ref 17.14)
                Map<String, Object> forwarded = new LinkedHashMap<>(call);
                if (f.get("listener") instanceof String) {
                    forwarded.put("listener", f.get("listener"));
                }
                for (Conn o : conns) {
                    if (o.id.equals(e.getKey()) && o != c) {
                        o.send(forwarded);
                    }
                }
                return call;
            }
        }
        return error("Command not found", "slash_call");
    }

    private Map<String, Object> rateLimit(Conn c, String cmd) {
        Limiter lim = limiters.computeIfAbsent(c.userId, k -> new Limiter());
        long now = scheduler.nanoTime();
        String reason = lim.check(now);
        if (reason == null) {
            return null;
        }
        rateLimitsSent.incrementAndGet();
        long remaining = Math.max(0, lim.cooldownUntil - now);
        if (reason.startsWith("Rate")) {
            remaining = Math.max(0, lim.sent.get(0) + MINUTE_NANOS - now);
        }
        return frame("rate_limit", "reason", reason, "length", TimeUnit.NANOSECONDS.toMillis(remaining));
    }

    /**
     * The reference limiter, as measured against the real server: an active cooldown blocks; then
     * the per-minute count blocks; then, with {@code burst} accepted actions already inside the last
     * 10 s, this attempt is refused and the cooldown starts now. Only accepted actions are counted.
     */
    private final class Limiter {
        final List<Long> sent = new ArrayList<>();
        long cooldownUntil;
        boolean cooling;

        String check(long now) {
            if (cooling && now - cooldownUntil < 0) {
                return String.format(java.util.Locale.ROOT, "You are in cooldown for %.1f more seconds",
                        (cooldownUntil - now) / 1e9);
            }
            cooling = false;
            sent.removeIf(t -> now - t >= MINUTE_NANOS);
            if (sent.size() >= perMinute) {
                return "Rate limit exceeded. Please slow down.";
            }
            int recent = 0;
            for (long t : sent) {
                if (now - t < BURST_WINDOW_NANOS) {
                    recent++;
                }
            }
            if (recent >= burst) {
                cooling = true;
                cooldownUntil = now + cooldownNanos;
                return "Burst limit exceeded. You're in cooldown for "
                        + TimeUnit.NANOSECONDS.toSeconds(cooldownNanos) + " seconds";
            }
            sent.add(now);
            return null;
        }
    }

    // ------------------------------------------------------------------ helpers

    private List<Map<String, Object>> channelMessages(String channel) {
        List<Map<String, Object>> l = messages.get(channel);
        if (l == null) {
            throw new IllegalArgumentException("no channel " + channel);
        }
        return l;
    }

    private Map<String, Object> find(String channel, String id) {
        if (id == null) {
            return null;
        }
        for (Map<String, Object> m : channelMessages(channel)) {
            if (id.equals(m.get("id"))) {
                return m;
            }
        }
        return null;
    }

    private Map<String, Object> newMessage(String user, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", user);
        m.put("content", content);
        m.put("timestamp", scheduler.currentTimeMillis() / 1000.0);
        m.put("id", UUID.randomUUID().toString());
        m.put("pinned", false);
        m.put("type", "message");
        m.put("interaction", null);
        return m;
    }

    private static String str(Map<String, Object> f, String key) {
        Object v = f.get(key);
        return v instanceof String ? (String) v : null;
    }

    private static Map<String, Object> error(String text, String src) {
        return frame("error", "val", text, "src", src);
    }

    private static Map<String, Object> frame(String cmd, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cmd", cmd);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private String randomToken(int chars) {
        byte[] b = new byte[chars];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).substring(0, chars);
    }

    private String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xff));
        }
        return sb.toString();
    }

    /** Builds a {@link FakeOriginChatsServer}. Not thread-safe. */
    public static final class Builder {
        private Scheduler scheduler;
        private String authMode = "cracked";
        private boolean aroundCapability = true;
        private long postContent = 2000;
        private int perMinute = 60;
        private int burst = 10;
        private long cooldownSeconds = 30;
        private final List<String> channels = new ArrayList<>(Collections.singletonList("general"));

        private Builder() {}

        /**
         * The clock and timer for pings and rate limits; pass the client's VirtualScheduler for
         * virtual-time tests. Default a real-time scheduler of the server's own.
         *
         * @param scheduler never null
         * @return this builder
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * The auth_mode: "rotur", "cracked" (default) or "cracked-only".
         *
         * @param mode never null
         * @return this builder
         */
        public Builder authMode(String mode) {
            this.authMode = mode;
            return this;
        }

        /**
         * Whether capabilities list messages_around (and the server handles it). Default true.
         *
         * @param supported the flag
         * @return this builder
         */
        public Builder messagesAround(boolean supported) {
            this.aroundCapability = supported;
            return this;
        }

        /**
         * limits.post_content. Default 2000.
         *
         * @param limit positive
         * @return this builder
         */
        public Builder postContentLimit(long limit) {
            this.postContent = limit;
            return this;
        }

        /**
         * The rate limits. Default the reference's 60 per minute, burst 10, 30 s cooldown.
         *
         * @param perMinute per minute
         * @param burst burst within 10 s
         * @param cooldownSeconds cooldown after a burst
         * @return this builder
         */
        public Builder rateLimits(int perMinute, int burst, long cooldownSeconds) {
            this.perMinute = perMinute;
            this.burst = burst;
            this.cooldownSeconds = cooldownSeconds;
            return this;
        }

        /**
         * Builds the server (not started).
         *
         * @return the server
         */
        public FakeOriginChatsServer build() {
            return new FakeOriginChatsServer(this);
        }
    }
}
