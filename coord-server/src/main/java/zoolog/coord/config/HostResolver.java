package zoolog.coord.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Turns a host name from zoo.cfg into an address, or says it cannot. It is an interface so tests
 * can check {@code server.N} lines naming hosts like {@code zoo1} without depending on the
 * machine's DNS; production uses {@link #system()}.
 */
@FunctionalInterface
public interface HostResolver {

    Optional<InetAddress> resolve(String host);

    /** The JVM's resolver: literal addresses, /etc/hosts, then DNS. */
    static HostResolver system() {
        return host -> {
            try {
                return Optional.of(InetAddress.getByName(host));
            } catch (UnknownHostException | SecurityException e) {
                return Optional.empty();
            }
        };
    }
}
