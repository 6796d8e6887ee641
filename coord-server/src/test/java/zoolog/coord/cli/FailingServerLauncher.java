package zoolog.coord.cli;

import zoolog.coord.config.CoordConfig;

/** A registered launcher whose node cannot start, for the error-reporting paths. */
public final class FailingServerLauncher implements ServerLauncher {

    @Override
    public RunningServer start(CoordConfig config) {
        throw new IllegalStateException("port " + config.clientPort() + " is already in use");
    }
}
