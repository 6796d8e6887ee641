package zoolog.bench.compare;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import picocli.CommandLine;
import zoolog.bench.load.LoadGenerator;

/**
 * Runs a bench command in the test JVM the way {@code bin/bench} would, with its output captured for
 * assertion messages, and finds the one run directory it wrote. Used by the integration tests that
 * start real servers.
 */
public final class RunnerHarness {

    /** Small heaps and a cheap JIT: three server JVMs share two CPUs with the build. */
    public static final String SMALL_SERVER_JVM = "-Xms64m -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    /** What a command returned and printed. */
    public record Outcome(int exitCode, String output) {
    }

    private RunnerHarness() {
    }

    public static Outcome execute(Object command, String... args) {
        StringWriter output = new StringWriter();
        CommandLine commandLine = LoadGenerator.commandLine(command);
        commandLine.setOut(new PrintWriter(output));
        commandLine.setErr(new PrintWriter(output));
        int exitCode = commandLine.execute(args);
        return new Outcome(exitCode, output.toString());
    }

    /** The run directory a command wrote under {@code resultsDir}, the only entry there. */
    public static Path runDirectory(Path resultsDir) throws IOException {
        try (Stream<Path> runs = Files.list(resultsDir)) {
            return runs.findFirst().orElseThrow();
        }
    }
}
