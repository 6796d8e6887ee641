package zoolog.faults.proxy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntBiFunction;

/**
 * The peer network of an ensemble on one machine: one {@link LinkProxy} per directed link and
 * channel, relaying to the target peer's real port. Node A's zoo.cfg names B's proxy ports for A→B
 * in its {@code server.B} line, so every connection A opens to B crosses that proxy and a
 * partition is a set of blocked proxies. Owned by the run; the nemesis thread calls
 * {@link #cut} and {@link #healAll}, which are synchronized.
 */
public final class Network implements AutoCloseable {

    private final Map<Link, Map<PeerChannel, LinkProxy>> proxies;
    private final Set<Link> cut = new HashSet<>();

    private Network(Map<Link, Map<PeerChannel, LinkProxy>> proxies) {
        this.proxies = proxies;
    }

    /**
     * Starts the proxies of every directed link between {@code serverIds}; {@code realPort} gives
     * a server's own port for a channel.
     */
    public static Network start(List<Integer> serverIds, ToIntBiFunction<Integer, PeerChannel> realPort)
            throws IOException {
        Map<Link, Map<PeerChannel, LinkProxy>> proxies = new LinkedHashMap<>();
        Network network = new Network(proxies);
        try {
            for (int from : serverIds) {
                for (int to : serverIds) {
                    if (from == to) {
                        continue;
                    }
                    Map<PeerChannel, LinkProxy> channels = new LinkedHashMap<>();
                    for (PeerChannel channel : PeerChannel.values()) {
                        String name = from + "->" + to + "-" + channel.name().toLowerCase(Locale.ROOT);
                        channels.put(channel, LinkProxy.start(name, realPort.applyAsInt(to, channel)));
                    }
                    proxies.put(new Link(from, to), channels);
                }
            }
        } catch (IOException e) {
            network.close();
            throw e;
        }
        return network;
    }

    /** The port {@code from} must use to reach {@code to} on {@code channel}. */
    public int proxyPort(int from, int to, PeerChannel channel) {
        Map<PeerChannel, LinkProxy> channels = proxies.get(new Link(from, to));
        if (channels == null) {
            throw new IllegalArgumentException("no link " + from + "->" + to);
        }
        return channels.get(channel).port();
    }

    /** Blocks exactly {@code links} (each in both directions) and heals every other link. */
    public synchronized void cut(Collection<Link> links) {
        Set<Link> wanted = new HashSet<>();
        for (Link link : links) {
            wanted.add(link);
            wanted.add(link.reversed());
        }
        proxies.forEach((link, channels) -> channels.values().forEach(proxy -> {
            if (wanted.contains(link)) {
                proxy.block();
            } else {
                proxy.heal();
            }
        }));
        cut.clear();
        cut.addAll(wanted);
    }

    public synchronized void healAll() {
        cut(List.of());
    }

    /** The directed links blocked now. */
    public synchronized Set<Link> blockedLinks() {
        return Set.copyOf(cut);
    }

    @Override
    public synchronized void close() {
        List<LinkProxy> all = new ArrayList<>();
        proxies.values().forEach(channels -> all.addAll(channels.values()));
        all.forEach(LinkProxy::close);
    }
}
