package zoolog.protocol.coordclient;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * What a {@link CoordClient} is started with, parsed once at the edge. {@code random} orders the
 * members and spreads reconnect back-offs; tests pass a seeded generator to replay an order.
 *
 * @param servers              the ensemble members, in connect-string order (the client shuffles them)
 * @param sessionTimeoutMillis the session timeout to ask for; the server bounds it by its
 *                             {@code minSessionTimeout}/{@code maxSessionTimeout}
 * @param random               the client's only source of randomness
 */
public record CoordClientConfig(List<InetSocketAddress> servers, int sessionTimeoutMillis, RandomGenerator random) {

    public CoordClientConfig {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no servers to connect to");
        }
        if (sessionTimeoutMillis <= 0) {
            throw new IllegalArgumentException("session timeout must be positive, got " + sessionTimeoutMillis);
        }
    }

    /** A config from a ZooKeeper connect string such as {@code 10.0.0.1:2181,10.0.0.2:2181}. */
    public static CoordClientConfig of(String connectString, int sessionTimeoutMillis) {
        return new CoordClientConfig(parseConnectString(connectString), sessionTimeoutMillis, new SplittableRandom());
    }

    /**
     * Parses {@code host:port[,host:port...]}; IPv6 hosts go in brackets. A chroot suffix
     * ({@code /path}) is refused rather than silently ignored, since this client does not apply one.
     */
    public static List<InetSocketAddress> parseConnectString(String connectString) {
        if (connectString.contains("/")) {
            throw new IllegalArgumentException("chroot suffixes are not supported: " + connectString);
        }
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String part : connectString.split(",")) {
            String hostPort = part.trim();
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || colon == hostPort.length() - 1) {
                throw new IllegalArgumentException("expected host:port, got '" + hostPort + "' in " + connectString);
            }
            String host = hostPort.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port in '" + hostPort + "'", e);
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range in '" + hostPort + "'");
            }
            servers.add(InetSocketAddress.createUnresolved(host, port));
        }
        return servers;
    }
}
