package zoolog.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoadGeneratorArgumentsTest {

    @Test
    void defaultsDescribeAThirtySecondNinetyPercentReadRun() {
        LoadGenerator generator = new LoadGenerator();
        LoadGenerator.commandLine(generator).parseArgs("--connect", "127.0.0.1:2181");
        assertEquals(new LoadSpec("127.0.0.1:2181", 32, 0, Duration.ofSeconds(30), Duration.ofSeconds(5), 0.9,
                1024, 1000, 4, 42), generator.spec());
    }

    @Test
    void everyOptionReachesTheSpec() {
        LoadGenerator generator = new LoadGenerator();
        LoadGenerator.commandLine(generator).parseArgs("--connect", "a:1,b:2", "--sessions", "8", "--ops", "1000",
                "--duration", "2m", "--warmup", "500ms", "--read-ratio", "0.5", "--value-size", "10",
                "--znodes", "7", "--in-flight", "16", "--seed", "9");
        assertEquals(new LoadSpec("a:1,b:2", 8, 1000, Duration.ofMinutes(2), Duration.ofMillis(500), 0.5, 10, 7, 16, 9),
                generator.spec());
    }

    @Test
    void laterOptionsOverrideEarlierOnes() {
        LoadGenerator generator = new LoadGenerator();
        LoadGenerator.commandLine(generator).parseArgs("--connect", "a:1", "--sessions", "8", "--sessions", "9");
        assertEquals(9, generator.spec().sessions());
    }

    @Test
    void invalidValuesExitWithTwoBeforeConnecting() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = LoadGenerator.commandLine(new LoadGenerator());
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute("--connect", "127.0.0.1:1", "--sessions", "0", "--read-ratio", "2");
        assertEquals(2, exitCode);
        assertTrue(err.toString().contains("load: --sessions must be between 1 and 1024, not 0"), err.toString());
        assertTrue(err.toString().contains("load: --read-ratio must be between 0 and 1, not 2.0"), err.toString());
    }

    @Test
    void unparseableValuesGetOneLine() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = LoadGenerator.commandLine(new LoadGenerator());
        commandLine.setErr(new PrintWriter(err));
        assertEquals(2, commandLine.execute("--connect", "a:1", "--duration", "30"));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("load: Invalid value for option '--duration'"), err.toString());
    }

    @Test
    void freshRootsAreDistinctTopLevelZnodes() {
        String root = LoadGenerator.freshRoot();
        assertTrue(root.matches("/bench-[0-9a-f]{16}"), root);
        assertTrue(!root.equals(LoadGenerator.freshRoot()));
    }
}
