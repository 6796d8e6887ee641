package zoolog.coord.it;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.ZooKeeperMain;
import org.apache.zookeeper.cli.CliCommand;

/**
 * Drives Apache's zkCli ({@link ZooKeeperMain}) in-process on an already connected session and
 * returns what each command line prints, stdout and stderr interleaved as on a terminal. zkCli
 * writes both through {@code System.out/err} and through per-command streams that its static
 * command table captured when the class was loaded, so both are redirected for each line. Used
 * from one test thread; not safe for concurrent use (it swaps the JVM's standard streams).
 */
final class ZkCli {

    private final ZooKeeperMain main;

    ZkCli(ZooKeeper zk) {
        this.main = new ZooKeeperMain(zk);
    }

    /** Runs one command line, e.g. {@code create /app1 "data"}, and returns its output lines. */
    List<String> run(String line) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        Map<String, CliCommand> commands = commandTable();
        System.setOut(capture);
        System.setErr(capture);
        redirect(commands, capture, capture);
        try {
            main.executeLine(line);
        } finally {
            redirect(commands, originalOut, originalErr);
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1)).subList(0, countLines(text));
    }

    private static int countLines(String text) {
        String[] lines = text.split("\n", -1);
        return text.endsWith("\n") ? lines.length - 1 : lines.length;
    }

    private static void redirect(Map<String, CliCommand> commands, PrintStream out, PrintStream err) {
        for (CliCommand command : commands.values()) {
            command.setOut(out);
            command.setErr(err);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, CliCommand> commandTable() throws ReflectiveOperationException {
        // ZooKeeperMain keeps its commands in a package-private static map; each command printed to
        // the System.out of the moment the class was initialised. Reflection is the only way to
        // point them at this line's capture buffer.
        Field field = ZooKeeperMain.class.getDeclaredField("commandMapCli");
        field.setAccessible(true);
        return (Map<String, CliCommand>) field.get(null);
    }
}
