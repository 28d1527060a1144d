package io.github.chatwire.originchats;

import io.github.chatwire.originchats.model.Channel;
import io.github.chatwire.originchats.model.User;
import java.util.List;

/**
 * The state the client fetched after a login: the visible channels and the online users. Immutable.
 *
 * @param reconnected whether this login followed a reconnect
 * @param channels the channels the user may view; never null
 * @param onlineUsers the users online; never null
 */
public record Resync(boolean reconnected, List<Channel> channels, List<User> onlineUsers) {}
