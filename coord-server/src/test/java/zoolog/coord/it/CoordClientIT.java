package zoolog.coord.it;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import zoolog.protocol.coordclient.CoordClientContract;

/**
 * Zoolog's own coordination client against Zoolog's server: the same scenarios protocol's tests
 * run against an Apache ZooKeeper ensemble (CRUD, sequential and ephemeral nodes, multi, one-shot
 * watches, FIFO order, expiry), with "losing the server" played by a restart on the same port and
 * data directory, after which the session, its ephemerals and its watches must be back.
 */
@Tag("it")
class CoordClientIT extends CoordClientContract {

    private static TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        ThirdPartyLogging.quiet();
        server = TestServers.start(TestServerConfig.defaults(), Files.createTempDirectory("zoolog-it-CoordClientIT-"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected String connectString() {
        return server.connectString();
    }

    @Override
    protected void loseServer(InetSocketAddress connectedTo) throws Exception {
        server.restart();
    }
}
