package zoolog.coord.cli;

import zoolog.coord.config.CoordConfig;

/**
 * Starts a coordination server node from a parsed configuration. The CLI finds the implementation
 * through {@link java.util.ServiceLoader} (a {@code META-INF/services/zoolog.coord.cli.ServerLauncher}
 * entry), so the command line does not depend on the node's packages and tests can register a fake.
 * {@link #start} returns once the node is serving clients; it is called on the CLI's main thread.
 */
@FunctionalInterface
public interface ServerLauncher {

    RunningServer start(CoordConfig config) throws Exception;
}
