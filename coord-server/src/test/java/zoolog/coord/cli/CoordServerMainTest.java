package zoolog.coord.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordServerMainTest {

    private static final String FAKE = FakeServerLauncher.class.getName();
    private static final String FAILING = FailingServerLauncher.class.getName();

    @TempDir
    Path tmp;

    private String out;
    private String err;

    @BeforeEach
    void resetFake() {
        FakeServerLauncher.reset();
    }

    @Test
    void configErrorsExitTwoWithOneLinePerProblemAndNoStackTrace() throws IOException {
        Path cfg = writeConfig("tickTime=abc\nclientPort=2181 \nmaxClientCnxns=-1\n");
        int exit = run("start-foreground", "--launcher", FAKE, cfg.toString());
        assertEquals(2, exit);
        assertEquals(List.of(
                cfg + ": tickTime: 'abc' is not a whole number",
                cfg + ": clientPort: '2181 ' has a trailing space",
                cfg + ": maxClientCnxns: -1 is too small (the minimum is 0)"), errLines());
        assertEquals("", out);
        assertNull(FakeServerLauncher.lastConfig, "the server must not start");
    }

    @Test
    void startForegroundWritesPidFileWhileRunningAndRemovesItOnCleanExit() throws IOException {
        Path cfg = writeConfig("clientPort=2181\n");
        int exit = run("start-foreground", "--launcher", FAKE, cfg.toString());
        assertEquals(0, exit, err);
        assertEquals(tmp.resolve("data"), FakeServerLauncher.lastConfig.dataDir());
        assertEquals(String.valueOf(ProcessHandle.current().pid()), FakeServerLauncher.pidFileWhileRunning);
        assertFalse(Files.exists(tmp.resolve("data/zookeeper_server.pid")));
        assertEquals(1, FakeServerLauncher.closes.get());
    }

    @Test
    void warningsArePrintedAndTheServerStillStarts() throws IOException {
        Path cfg = writeConfig("clientPort=2181\nfoo=bar\n");
        assertEquals(0, run("start-foreground", "--launcher", FAKE, cfg.toString()));
        assertEquals(List.of("WARN " + cfg + ": foo: unknown key ignored"), errLines());
    }

    @Test
    void refusesToStartWhenThePidFileNamesALiveProcess() throws IOException {
        Path cfg = writeConfig("clientPort=2181\n");
        long livePid = ProcessHandle.current().parent().orElseThrow().pid();
        Path pidFile = Files.createDirectories(tmp.resolve("data")).resolve("zookeeper_server.pid");
        Files.writeString(pidFile, livePid + "\n");
        assertEquals(1, run("start-foreground", "--launcher", FAKE, cfg.toString()));
        assertEquals(List.of(pidFile + ": a server is already running as process " + livePid), errLines());
        assertNull(FakeServerLauncher.lastConfig);
        assertEquals(livePid + "\n", Files.readString(pidFile), "another server's pid file is left alone");
    }

    @Test
    void replacesAStalePidFile() throws IOException {
        Path cfg = writeConfig("clientPort=2181\n");
        Path pidFile = Files.createDirectories(tmp.resolve("data")).resolve("zookeeper_server.pid");
        Files.writeString(pidFile, "999999999\n");
        assertEquals(0, run("start-foreground", "--launcher", FAKE, cfg.toString()), err);
        assertEquals(String.valueOf(ProcessHandle.current().pid()), FakeServerLauncher.pidFileWhileRunning);
        assertFalse(Files.exists(pidFile));
    }

    @Test
    void launcherFailureIsOneLineUnlessVerbose() throws IOException {
        Path cfg = writeConfig("clientPort=2181\n");
        assertEquals(1, run("start-foreground", "--launcher", FAILING, cfg.toString()));
        assertEquals(List.of("coord-server start-foreground: IllegalStateException: port 2181 is already in use"),
                errLines());
        assertFalse(Files.exists(tmp.resolve("data/zookeeper_server.pid")));

        assertEquals(1, run("start-foreground", "--verbose", "--launcher", FAILING, cfg.toString()));
        assertTrue(err.contains("\tat zoolog.coord.cli.FailingServerLauncher.start"), err);
        assertEquals(1, run("--verbose", "start-foreground", "--launcher", FAILING, cfg.toString()));
        assertTrue(err.contains("\tat "), err);
    }

    @Test
    void launcherChoiceProblemsAreOneLine() throws IOException {
        Path cfg = writeConfig("clientPort=2181\n");
        assertEquals(1, run("start-foreground", "--launcher", "no.such.Launcher", cfg.toString()));
        assertEquals(1, errLines().size(), err);
        assertTrue(err.startsWith("no ServerLauncher no.such.Launcher on the class path (found: "), err);
        assertTrue(err.contains(FAKE) && err.contains(FAILING), err);

        // The test class path registers both fakes (and, once it exists, the real node's launcher).
        assertEquals(1, run("start-foreground", cfg.toString()));
        assertEquals(1, errLines().size(), err);
        assertTrue(err.startsWith("several ServerLaunchers on the class path ("), err);
        assertTrue(err.strip().endsWith("); choose one with --launcher"), err);
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run());
        assertTrue(err.startsWith("Missing subcommand"), err);
        assertEquals(2, run("start-foreground"));
        assertTrue(err.startsWith("Missing required parameter: 'ZOO_CFG'"), err);
        assertEquals(2, run("no-such-command"));
    }

    @Test
    void helpListsTheSubcommands() {
        assertEquals(0, run("--help"));
        assertTrue(out.contains("start-foreground"), out);
    }

    private Path writeConfig(String lines) throws IOException {
        return Files.writeString(tmp.resolve("zoo.cfg"), "dataDir=" + tmp.resolve("data") + "\n" + lines);
    }

    private int run(String... args) {
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        int exit = CoordServerMain.execute(args, new PrintWriter(outText), new PrintWriter(errText));
        out = outText.toString();
        err = errText.toString();
        return exit;
    }

    private List<String> errLines() {
        return new ArrayList<>(err.lines().toList());
    }
}
