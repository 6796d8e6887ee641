package zoolog.faults.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line every node of a run is started with: the java executable, small-footprint JVM
 * flags (the machine running the harness also runs every node), the system's main class from the
 * harness's own classpath, and a logback configuration copied into the run directory, because
 * without one logback logs every DEBUG line. Immutable.
 */
public record NodeLaunch(SystemKind system, Path javaExecutable, List<String> jvmFlags, String classpath,
        Path loggingConfig) {

    /** Small heap, serial GC and no C2 compiler threads: several nodes share two cores with the clients. */
    public static final List<String> JVM_FLAGS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");
    static final String LOGGING_RESOURCE = "logback-node.xml";

    public NodeLaunch {
        jvmFlags = List.copyOf(jvmFlags);
    }

    /** Nodes run from the harness's classpath (test classes left out) and the harness's JVM. */
    public static NodeLaunch fromHarness(SystemKind system, Path runDir) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String nodeClasspath = Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new NodeLaunch(system, java, JVM_FLAGS, nodeClasspath, writeLoggingConfig(runDir));
    }

    public List<String> command(Path zooCfg) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(jvmFlags);
        command.addAll(system.systemProperties());
        command.add("-Dlogback.configurationFile=" + loggingConfig.toAbsolutePath());
        command.add("-cp");
        command.add(classpath);
        command.add(system.mainClass());
        command.addAll(system.argumentsBeforeConfig());
        command.add(zooCfg.toAbsolutePath().toString());
        return command;
    }

    private static Path writeLoggingConfig(Path runDir) {
        Path file = runDir.resolve(LOGGING_RESOURCE);
        try (InputStream in = NodeLaunch.class.getClassLoader().getResourceAsStream(LOGGING_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(LOGGING_RESOURCE + " is missing from the harness classpath");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
