package zoolog.bench.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import zoolog.bench.load.BenchLogging;

/**
 * How to start one target as a separate JVM: the java executable, JVM options shared by all targets,
 * the target's own extra system properties, its classpath, main class and arguments. Both targets
 * get the same {@code jvmOptions} (heap, GC); the extra properties only switch off things the other
 * server does not have (ZooKeeper's HTTP admin server) or point logging at a file-friendly setup.
 * Immutable; built by the runner's main thread.
 */
public record ServerLaunch(Target target, Path javaExecutable, List<String> jvmOptions, List<String> targetProperties,
        String classpath, String mainClass, List<String> argumentsBeforeConfig) {

    static final String ZOOKEEPER_MAIN = "org.apache.zookeeper.server.ZooKeeperServerMain";
    static final String ZOOLOG_MAIN = "zoolog.coord.cli.CoordServerMain";

    public ServerLaunch {
        jvmOptions = List.copyOf(jvmOptions);
        targetProperties = List.copyOf(targetProperties);
        argumentsBeforeConfig = List.copyOf(argumentsBeforeConfig);
    }

    /**
     * Apache ZooKeeper from the bench classpath (the zookeeper artifact is a bench dependency):
     * {@code ZooKeeperServerMain <zoo.cfg>}, the standalone server {@code zkServer.sh start-foreground} runs.
     */
    public static ServerLaunch apacheZooKeeper(Path javaExecutable, List<String> jvmOptions, String benchClasspath) {
        return new ServerLaunch(Target.APACHE_ZOOKEEPER, javaExecutable, jvmOptions,
                List.of("-Dzookeeper.admin.enableServer=false",
                        "-Dlogback.configurationFile=" + BenchLogging.CONFIGURATION_RESOURCE,
                        "-Dbench.log.level=INFO"),
                benchClasspath, ZOOKEEPER_MAIN, List.of());
    }

    /** Zoolog's server from its build output: {@code CoordServerMain start-foreground <zoo.cfg>}. */
    public static ServerLaunch zoolog(Path javaExecutable, List<String> jvmOptions, ZoologInstall install) {
        return new ServerLaunch(Target.ZOOLOG, javaExecutable, jvmOptions, List.of(),
                install.classpath(), ZOOLOG_MAIN, List.of("start-foreground"));
    }

    /** The full command line for a server reading {@code zooCfg}. */
    public List<String> command(Path zooCfg) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(jvmOptions);
        command.addAll(targetProperties);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(argumentsBeforeConfig);
        command.add(zooCfg.toAbsolutePath().toString());
        return command;
    }
}
