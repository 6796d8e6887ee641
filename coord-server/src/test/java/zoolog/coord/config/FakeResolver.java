package zoolog.coord.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link HostResolver} that never touches DNS: it resolves address literals, {@code localhost}
 * and the names it is given (to 127.0.0.1), so tests do not depend on the machine's resolver.
 */
final class FakeResolver implements HostResolver {

    private final Set<String> knownNames;

    FakeResolver(String... knownNames) {
        this.knownNames = Set.of(knownNames);
    }

    @Override
    public Optional<InetAddress> resolve(String host) {
        try {
            if (host.equals("localhost") || knownNames.contains(host)) {
                return Optional.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
            }
            boolean literal = host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || host.contains(":");
            return literal ? Optional.of(InetAddress.getByName(host)) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
