package zoolog.coord.node;

import zoolog.coord.cli.RunningServer;
import zoolog.coord.cli.ServerLauncher;
import zoolog.coord.config.CoordConfig;

/** What {@code coord-server start-foreground} runs: a standalone node built from the parsed zoo.cfg. */
public final class CoordNodeLauncher implements ServerLauncher {
    @Override
    public RunningServer start(CoordConfig config) throws Exception {
        return CoordNode.start(config, NodeOptions.fromSystemProperties());
    }
}
