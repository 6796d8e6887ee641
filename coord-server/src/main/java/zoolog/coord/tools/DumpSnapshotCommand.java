package zoolog.coord.tools;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import zoolog.coord.store.StoreException;
import zoolog.coord.store.StoreReader;

/**
 * {@code dump-snapshot}: prints the materialised tree of a snapshot (the newest under
 * {@code --data-dir} unless {@code --snapshot} names one): a header, every node with its stat,
 * every session with its ephemeral count ({@link SnapshotDump}). Read-only, safe while the
 * server runs; errors are one line on stderr and exit code 1.
 */
@Command(name = "dump-snapshot", mixinStandardHelpOptions = true,
        description = "Print the nodes and sessions of a snapshot (default: the newest).")
public final class DumpSnapshotCommand implements Callable<Integer> {
    @Mixin
    StoreLocation location;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Path snapshot = location.snapshotOrLatest();
            try (StoreReader reader = StoreReader.openSnapshot(snapshot)) {
                out.println("snapshot " + snapshot + " materializedZxid 0x" + Long.toHexString(reader.materializedZxid()));
                SnapshotDump dump = new SnapshotDump(out::println);
                reader.forEachNode(dump::node);
                reader.forEachSession(dump::session);
                dump.finish();
            }
            out.flush();
            return 0;
        } catch (StoreException e) {
            out.flush();
            spec.commandLine().getErr().println(spec.name() + ": " + e.getMessage());
            return 1;
        }
    }
}
