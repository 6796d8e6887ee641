package zoolog.coord.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import zoolog.coord.config.ConfigProblem;
import zoolog.coord.config.CoordConfig;
import zoolog.coord.config.ParseResult;
import zoolog.coord.config.ZooCfgParser;

/**
 * {@code coord-server start-foreground <zoo.cfg>}: parse the configuration, start the node through
 * the {@link ServerLauncher}, write the pid file and block until the server stops. Configuration
 * problems are printed one per line and exit with {@value CoordServerMain#EXIT_USAGE}; SIGTERM and
 * Ctrl-C close the server and remove the pid file through a shutdown hook.
 */
@Command(name = "start-foreground",
        description = "Start the coordination server in this process and run until it is stopped.")
final class StartForegroundCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(StartForegroundCommand.class);

    @Parameters(index = "0", paramLabel = "ZOO_CFG", description = "The zoo.cfg file to read.")
    Path configFile;

    @Option(names = "--launcher", hidden = true, paramLabel = "CLASS",
            description = "The ServerLauncher class to use when several are registered (tests).")
    String launcherClassName;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ParseResult parsed = ZooCfgParser.withSystemResolver().parse(configFile);
        for (ConfigProblem warning : parsed.warnings()) {
            err.println("WARN " + warning.line());
        }
        if (!parsed.ok()) {
            parsed.errors().forEach(problem -> err.println(problem.line()));
            err.flush();
            return CoordServerMain.EXIT_USAGE;
        }
        CoordConfig config = parsed.config().orElseThrow();
        PidFile pidFile = new PidFile(config.pidFile());
        OptionalLong running = pidFile.livePid();
        if (running.isPresent()) {
            return fail(err, pidFile.path() + ": a server is already running as process " + running.getAsLong());
        }
        Launchers.Choice choice = Launchers.choose(launcherClassName);
        if (choice.launcher() == null) {
            return fail(err, choice.problem());
        }
        err.flush();
        return run(choice.launcher(), config, pidFile);
    }

    private static int run(ServerLauncher launcher, CoordConfig config, PidFile pidFile) throws Exception {
        long pid = ProcessHandle.current().pid();
        RunningServer server = launcher.start(config);
        ServerShutdown shutdown = new ServerShutdown(server, pidFile, pid);
        Thread hook = new Thread(shutdown, "coord-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            pidFile.write(pid);
            log.info("Coordination server running as process {} on {} (pid file {})",
                    pid, config.clientSocketAddress(), pidFile.path());
            server.awaitTermination();
        } finally {
            shutdown.run();
            removeHook(hook);
        }
        return CoordServerMain.EXIT_OK;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException jvmAlreadyShuttingDown) {
            // The hook is running or has run; nothing is left to undo.
        }
    }

    private static int fail(PrintWriter err, String line) {
        err.println(line);
        err.flush();
        return CoordServerMain.EXIT_FAILURE;
    }
}
