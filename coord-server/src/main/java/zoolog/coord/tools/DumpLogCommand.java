package zoolog.coord.tools;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import zoolog.coord.store.StoreException;
import zoolog.coord.store.StoreReader;

/**
 * {@code dump-log}: prints every txn in the store's log, one line each ({@link TxnLogDump}),
 * then a count. Opens the database read-only, so it works while the server is running; errors
 * are one line on stderr and exit code 1.
 */
@Command(name = "dump-log", mixinStandardHelpOptions = true,
        description = "Print the coordination server's transaction log, one line per txn.")
public final class DumpLogCommand implements Callable<Integer> {
    @Mixin
    StoreLocation location;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (StoreReader reader = location.openLiveOrSnapshot()) {
            long[] count = {0};
            reader.forEachTxn(0, txn -> {
                out.println(TxnLogDump.line(txn));
                count[0]++;
            });
            out.println(count[0] + " txns");
            out.flush();
            return 0;
        } catch (StoreException e) {
            out.flush();
            spec.commandLine().getErr().println(spec.name() + ": " + e.getMessage());
            return 1;
        }
    }
}
