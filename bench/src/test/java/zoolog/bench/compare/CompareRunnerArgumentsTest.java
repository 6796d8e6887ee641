package zoolog.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import zoolog.bench.load.LoadGenerator;
import zoolog.bench.load.LoadSpec;

class CompareRunnerArgumentsTest {

    @TempDir
    Path temp;

    private static CompareRunner parse(String... args) {
        CompareRunner runner = new CompareRunner();
        LoadGenerator.commandLine(runner).parseArgs(args);
        return runner;
    }

    @Test
    void defaultsAreFourWorkloadsOnBothTargets() {
        CompareRunner runner = parse();
        assertEquals(List.of(Target.APACHE_ZOOKEEPER, Target.ZOOLOG), runner.targets());
        assertEquals(1, runner.ensembleSize());
        List<LoadSpec> workloads = runner.workloads("127.0.0.1:21810");
        assertEquals(List.of(0.0, 0.5, 0.9, 1.0), workloads.stream().map(LoadSpec::readRatio).toList());
        assertEquals(new LoadSpec("127.0.0.1:21810", 32, 0, Duration.ofSeconds(15), Duration.ofSeconds(5), 0.0,
                1024, 1000, 4, 42), workloads.get(0));
        assertEquals(List.of(), runner.problems());
    }

    @Test
    void optionsShapeEveryWorkload() {
        CompareRunner runner = parse("--targets", "apache-zookeeper", "--read-ratios", "0.25,1", "--sessions", "4",
                "--in-flight", "2", "--value-size", "100", "--znodes", "10", "--duration", "3s", "--warmup", "1s",
                "--ops", "500", "--seed", "7");
        assertEquals(List.of(Target.APACHE_ZOOKEEPER), runner.targets());
        assertEquals(List.of(
                new LoadSpec("127.0.0.1:30000", 4, 500, Duration.ofSeconds(3), Duration.ofSeconds(1), 0.25, 100, 10, 2, 7),
                new LoadSpec("127.0.0.1:30000", 4, 500, Duration.ofSeconds(3), Duration.ofSeconds(1), 1.0, 100, 10, 2, 7)),
                runner.workloads("127.0.0.1:30000"));
    }

    @Test
    void reportsBadCombinationsOnePerLine() {
        List<String> problems = parse("--targets", "zoolog,zoolog", "--read-ratios", "1.5", "--port", "65535").problems();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("--targets"));
        assertTrue(problems.get(1).startsWith("--port"));
        assertTrue(problems.get(2).startsWith("--read-ratio"));
        assertEquals(List.of("--read-ratio must be between 0 and 1, not 1.5"), parse("--read-ratios", "1.5").problems());
    }

    @Test
    void anEnsembleNamesItsSizeAndNeedsRoomForPeerPorts() {
        CompareRunner runner = parse("--ensemble", "3");
        assertEquals(3, runner.ensembleSize());
        assertEquals("zoolog ×3", runner.systemName(Target.ZOOLOG));
        assertEquals("zoolog", parse().systemName(Target.ZOOLOG));
        assertEquals(List.of(), runner.problems());
        assertEquals(List.of("--port must leave room for ports 65430..65541 between 1024 and 65535, not 65430"),
                parse("--ensemble", "3", "--port", "65430").problems());
        assertEquals(List.of("--ensemble must be between 1 and 9, not 0"), parse("--ensemble", "0").problems());
    }

    @Test
    void aMissingZoologBuildStopsBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = LoadGenerator.commandLine(new CompareRunner());
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute("--zoolog-dir", temp.resolve("nothing").toString(),
                "--results-dir", temp.resolve("results").toString());
        assertEquals(2, exitCode);
        assertTrue(err.toString().startsWith("coord: Zoolog's server jar (coord-server-*.jar) is missing in "), err.toString());
        assertTrue(err.toString().contains("--targets apache-zookeeper"), err.toString());
        assertTrue(!temp.resolve("results").toFile().exists());
    }

    @Test
    void unknownTargetsAreNamed() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = LoadGenerator.commandLine(new CompareRunner());
        commandLine.setErr(new PrintWriter(err));
        assertEquals(2, commandLine.execute("--targets", "etcd"));
        assertTrue(err.toString().contains("'etcd' is not a target; choose from apache-zookeeper, zoolog"), err.toString());
    }
}
