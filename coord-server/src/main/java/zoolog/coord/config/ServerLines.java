package zoolog.coord.config;

import java.util.function.Function;
import zoolog.coord.config.CfgKey.Converted;

/**
 * Reads the value of a {@code server.N} line:
 * {@code host:quorumPort:electionPort[:participant|:observer][;[clientAddress:]clientPort]}, with
 * IPv6 hosts in brackets. The id comes from the key, so this reader returns an {@link Address} and
 * the parser makes the {@link ServerSpec}. Host resolution is the parser's job, not this reader's.
 */
final class ServerLines {

    static final String FORM =
            "host:quorumPort:electionPort[:participant|:observer][;[clientAddress:]clientPort]";

    /** Everything a server line says except the id. {@code clientPort} is 0 when there is no client part. */
    record Address(String host, int quorumPort, int electionPort, boolean observer, String clientHost, int clientPort) {}

    private ServerLines() {}

    static Function<String, Converted<Address>> reader() {
        return ServerLines::read;
    }

    static Converted<Address> read(String raw) {
        if (raw.contains("|")) {
            return Converted.bad("several addresses separated by '|' are not supported");
        }
        String[] halves = raw.split(";", -1);
        if (halves.length > 2) {
            return notTheForm(raw);
        }
        HostAndRest peer = splitHost(halves[0]);
        if (peer == null || peer.rest().length < 2 || peer.rest().length > 3) {
            return notTheForm(raw);
        }
        Converted<Integer> quorumPort = portOf("quorum port", peer.rest()[0]);
        Converted<Integer> electionPort = portOf("election port", peer.rest()[1]);
        if (!quorumPort.ok()) {
            return Converted.bad(quorumPort.problem());
        }
        if (!electionPort.ok()) {
            return Converted.bad(electionPort.problem());
        }
        if (quorumPort.value().equals(electionPort.value())) {
            return Converted.bad("quorum port and election port are both " + quorumPort.value());
        }
        boolean observer = false;
        if (peer.rest().length == 3) {
            Converted<PeerType> role = ValueReaders.peerType().apply(peer.rest()[2]);
            if (!role.ok()) {
                return Converted.bad("role " + role.problem());
            }
            observer = role.value() == PeerType.OBSERVER;
        }
        String clientHost = "";
        int clientPort = 0;
        if (halves.length == 2) {
            String client = halves[1];
            HostAndRest withHost = splitHost(client);
            boolean hostGiven = withHost != null && withHost.rest().length == 1;
            Converted<Integer> port = portOf("client port", hostGiven ? withHost.rest()[0] : client);
            if (!port.ok()) {
                return Converted.bad(port.problem());
            }
            clientHost = hostGiven ? withHost.host() : "";
            clientPort = port.value();
        }
        return Converted.ok(new Address(peer.host(), quorumPort.value(), electionPort.value(), observer,
                clientHost, clientPort));
    }

    private record HostAndRest(String host, String[] rest) {}

    /** Splits {@code host:a:b} or {@code [v6]:a:b}; null when there is no host or no colon after it. */
    private static HostAndRest splitHost(String text) {
        String host;
        String rest;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                return null;
            }
            host = text.substring(1, close);
            rest = text.substring(close + 2);
        } else {
            int colon = text.indexOf(':');
            if (colon < 0) {
                return null;
            }
            host = text.substring(0, colon);
            rest = text.substring(colon + 1);
        }
        return host.isEmpty() ? null : new HostAndRest(host, rest.split(":", -1));
    }

    private static Converted<Integer> portOf(String what, String text) {
        Converted<Integer> port = ValueReaders.port().apply(text);
        return port.ok() ? port : Converted.bad(what + " " + port.problem());
    }

    private static Converted<Address> notTheForm(String raw) {
        return Converted.bad("'" + raw + "' is not of the form " + FORM);
    }
}
