package zoolog.broker.metadata;

import java.net.ServerSocket;
import java.nio.file.Path;
import zoolog.coord.config.ParseResult;
import zoolog.coord.config.ZooCfgParser;
import zoolog.coord.node.CoordNode;
import zoolog.coord.node.NodeOptions;

/** {@link ZkMetadataContract} against Zoolog's coordination server. */
class ZkMetadataTest extends ZkMetadataContract {

    private CoordNode coord;

    @Override
    String startServer(Path dataDir) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ParseResult parsed = ZooCfgParser.withSystemResolver().parse("zoo.cfg", "tickTime=200\ndataDir=" + dataDir
                + "\nclientPort=" + port + "\nclientPortAddress=127.0.0.1\n");
        coord = CoordNode.start(parsed.config().orElseThrow(), NodeOptions.fromSystemProperties());
        return "127.0.0.1:" + port;
    }

    @Override
    void stopServer() {
        coord.close();
    }
}
