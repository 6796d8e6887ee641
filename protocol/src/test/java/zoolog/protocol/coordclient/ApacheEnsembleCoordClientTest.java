package zoolog.protocol.coordclient;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The client contract against a three-member Apache ZooKeeper 3.9 ensemble in this JVM. Losing a
 * server stops that member for good, so the client must resume its session on another one; the
 * other two keep the quorum for the remaining scenarios.
 */
class ApacheEnsembleCoordClientTest extends CoordClientContract {

    private static ApacheEnsemble ensemble;

    @BeforeAll
    static void startEnsemble() throws Exception {
        ensemble = ApacheEnsemble.start(3);
        // Every member must serve before the scenarios start: each client handshake needs a leader.
        for (String member : ensemble.memberConnectStrings()) {
            try (CoordClient client = CoordClient.start(member, SESSION_TIMEOUT_MILLIS)) {
                await(client.connected());
            }
        }
    }

    @AfterAll
    static void stopEnsemble() throws Exception {
        if (ensemble != null) {
            ensemble.close();
        }
    }

    @Override
    protected String connectString() {
        return ensemble.connectString();
    }

    @Override
    protected void loseServer(InetSocketAddress server) throws Exception {
        ensemble.stopMember(server.getPort());
    }
}
