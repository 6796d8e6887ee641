package zoolog.bench.compare;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to start one target as a separate JVM: the java executable, JVM options shared by all targets,
 * the target's own extra system properties, its classpath, main class and arguments. Both targets
 * get the same {@code jvmOptions} (heap, GC) and the same logging configuration
 * ({@value #LOGGING_RESOURCE}: INFO, Netty at WARN); the extra properties only switch off what the
 * other server does not have (ZooKeeper's HTTP admin server). {@link #forTarget} picks the launch for a
 * target. Immutable; built by the runner's main thread.
 */
public record ServerLaunch(Target target, Path javaExecutable, List<String> jvmOptions, List<String> targetProperties,
        String classpath, String mainClass, List<String> argumentsBeforeConfig) {

    static final String ZOOKEEPER_MAIN = "org.apache.zookeeper.server.ZooKeeperServerMain";
    static final String ZOOKEEPER_QUORUM_MAIN = "org.apache.zookeeper.server.quorum.QuorumPeerMain";
    static final String ZOOLOG_MAIN = "zoolog.coord.cli.CoordServerMain";

    /**
     * The servers' logback configuration, a bench classpath resource. It is copied to a file because
     * Zoolog's classpath does not hold the bench jar, and without a configuration logback logs every
     * DEBUG line to the console, which would cost the server time the other one does not spend.
     */
    static final String LOGGING_RESOURCE = "logback-server.xml";

    public ServerLaunch {
        jvmOptions = List.copyOf(jvmOptions);
        targetProperties = List.copyOf(targetProperties);
        argumentsBeforeConfig = List.copyOf(argumentsBeforeConfig);
    }

    /**
     * Apache ZooKeeper from the bench classpath (the zookeeper artifact is a bench dependency). A
     * standalone server runs {@code ZooKeeperServerMain <zoo.cfg>}; an ensemble member runs
     * {@code QuorumPeerMain <zoo.cfg>}, which {@code zkServer.sh start-foreground} runs and which reads
     * the {@code server.N} lines and {@code myid}.
     */
    public static ServerLaunch apacheZooKeeper(Path javaExecutable, List<String> jvmOptions, String benchClasspath,
            Path loggingConfig, boolean ensembleMember) {
        return new ServerLaunch(Target.APACHE_ZOOKEEPER, javaExecutable, jvmOptions,
                List.of("-Dzookeeper.admin.enableServer=false", loggingProperty(loggingConfig)),
                benchClasspath, ensembleMember ? ZOOKEEPER_QUORUM_MAIN : ZOOKEEPER_MAIN, List.of());
    }

    /**
     * Zoolog's server from its build output: {@code CoordServerMain start-foreground <zoo.cfg>}, standalone
     * or an ensemble member depending on the {@code server.N} lines in the file.
     */
    public static ServerLaunch zoolog(Path javaExecutable, List<String> jvmOptions, ZoologInstall install,
            Path loggingConfig) {
        return new ServerLaunch(Target.ZOOLOG, javaExecutable, jvmOptions, List.of(loggingProperty(loggingConfig)),
                install.classpath(), ZOOLOG_MAIN, List.of("start-foreground"));
    }

    /**
     * The launch for {@code target}, run by the bench JVM's own java; {@code zoolog} must be present when
     * the target is Zoolog.
     */
    public static ServerLaunch forTarget(Target target, List<String> jvmOptions, Optional<ZoologInstall> zoolog,
            Path loggingConfig, boolean ensembleMember) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return switch (target) {
            case APACHE_ZOOKEEPER -> apacheZooKeeper(java, jvmOptions, System.getProperty("java.class.path"),
                    loggingConfig, ensembleMember);
            case ZOOLOG -> zoolog(java, jvmOptions, zoolog.orElseThrow(), loggingConfig);
        };
    }

    /** Writes {@value #LOGGING_RESOURCE} into {@code runDir} and returns the file, for every server of the run. */
    public static Path writeLoggingConfig(Path runDir) {
        Path file = runDir.resolve(LOGGING_RESOURCE);
        try (InputStream in = ServerLaunch.class.getClassLoader().getResourceAsStream(LOGGING_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(LOGGING_RESOURCE + " is missing from the bench classpath");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static String loggingProperty(Path loggingConfig) {
        return "-Dlogback.configurationFile=" + loggingConfig.toAbsolutePath();
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
