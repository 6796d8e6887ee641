package zoolog.broker.net;

import io.netty.channel.EventLoop;

/**
 * Who sent a request, for handlers that need it: the client id and host (group membership shows
 * them), and the connection's event loop, on which long-polling handlers schedule their
 * timeouts and finish their work.
 */
public record RequestContext(String clientId, String clientHost, EventLoop eventLoop) {}
