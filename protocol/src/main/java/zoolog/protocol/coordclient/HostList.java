package zoolog.protocol.coordclient;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The ensemble members in a random order, walked round-robin: each new connection goes to the
 * member after the last one tried, so a client that lost its server moves on to another, and
 * many clients with the same connect string spread over the ensemble. Owned by the I/O thread.
 */
final class HostList {

    private final List<InetSocketAddress> hosts;
    private int next;

    HostList(List<InetSocketAddress> servers, RandomGenerator random) {
        List<InetSocketAddress> shuffled = new ArrayList<>(servers);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            Collections.swap(shuffled, i, random.nextInt(i + 1));
        }
        this.hosts = List.copyOf(shuffled);
    }

    InetSocketAddress next() {
        InetSocketAddress host = hosts.get(next);
        next = (next + 1) % hosts.size();
        return host;
    }

    int size() {
        return hosts.size();
    }
}
