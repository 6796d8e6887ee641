package zoolog.coord.net;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.util.concurrent.atomic.AtomicLong;
import zoolog.coord.admin.ClientConnectionStats;

/**
 * One accepted client socket as the network adapter tracks it: the id the core knows it by, its
 * channel and peer address, and the packet counters that {@code stat}, {@code cons} and
 * {@code mntr} print. Counters are atomics because the Netty thread counts received frames while
 * the core thread counts sent ones.
 */
public final class ClientConnection {

    private final long connectionId;
    private final Channel channel;
    private final SocketAddress remoteAddress;
    private final AtomicLong packetsReceived = new AtomicLong();
    private final AtomicLong packetsSent = new AtomicLong();

    ClientConnection(long connectionId, Channel channel, SocketAddress remoteAddress) {
        this.connectionId = connectionId;
        this.channel = channel;
        this.remoteAddress = remoteAddress;
    }

    public long connectionId() {
        return connectionId;
    }

    public Channel channel() {
        return channel;
    }

    public SocketAddress remoteAddress() {
        return remoteAddress;
    }

    /**
     * The peer's IP address as text: the key of the per-address connection limit and the
     * connection's {@code ip} identity in the core.
     */
    public String remoteHost() {
        return hostOf(remoteAddress);
    }

    static String hostOf(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        }
        return String.valueOf(address);
    }

    /** The peer's port, or 0 for a transport without ports (in-memory test channels). */
    public int remotePort() {
        return remoteAddress instanceof InetSocketAddress inet ? inet.getPort() : 0;
    }

    long packetsReceived() {
        return packetsReceived.get();
    }

    long packetsSent() {
        return packetsSent.get();
    }

    void countReceived() {
        packetsReceived.incrementAndGet();
    }

    void countSent() {
        packetsSent.incrementAndGet();
    }

    void resetCounters() {
        packetsReceived.set(0);
        packetsSent.set(0);
    }

    /**
     * Selector interest ops in the spirit of ZooKeeper's Netty connection: read while auto-read is
     * on, plus write while the outbound buffer is over its high-water mark. Only printed by
     * {@code stat} and {@code cons}.
     */
    int interestOps() {
        if (!channel.isOpen()) {
            return 0;
        }
        int ops = channel.config().isAutoRead() ? SelectionKey.OP_READ : 0;
        return channel.isWritable() ? ops : ops | SelectionKey.OP_WRITE;
    }

    ClientConnectionStats stats() {
        return new ClientConnectionStats(connectionId, String.valueOf(remoteAddress), interestOps(),
                packetsReceived.get(), packetsSent.get());
    }
}
