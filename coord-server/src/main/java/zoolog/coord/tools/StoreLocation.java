package zoolog.coord.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import zoolog.coord.store.StoreException;
import zoolog.coord.store.StoreLayout;
import zoolog.coord.store.StoreReader;

/**
 * The options the dump commands share to say which database to read: the live store under
 * {@code --data-dir} (with {@code --data-log-dir} if the WAL is separate) or one
 * {@code --snapshot} directory. A picocli mixin, parsed once on the command's thread.
 */
public final class StoreLocation {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "zoo.cfg dataDir of the server.")
    Path dataDir;

    @Option(names = "--data-log-dir", paramLabel = "DIR", description = "zoo.cfg dataLogDir, if it is separate from dataDir.")
    Path dataLogDir;

    @Option(names = "--snapshot", paramLabel = "DIR", description = "A snapshot.<zxid> directory.")
    Path snapshot;

    /** Opens the live database read-only (safe while a server runs), or the given snapshot. */
    StoreReader openLiveOrSnapshot() throws StoreException {
        if (snapshot != null) {
            return StoreReader.openSnapshot(snapshot);
        }
        return StoreReader.openLive(requireDataDir(), dataLogDir);
    }

    /** The given snapshot, else the newest one under {@code --data-dir}. */
    Path snapshotOrLatest() throws StoreException {
        if (snapshot != null) {
            return snapshot;
        }
        Path dir = requireDataDir();
        List<Path> snapshots;
        try {
            snapshots = StoreLayout.snapshots(dir);
        } catch (IOException e) {
            throw new StoreException("cannot list snapshots under " + dir + ": " + e.getMessage(), e);
        }
        if (snapshots.isEmpty()) {
            throw new StoreException("no snapshot under " + dir.resolve(StoreLayout.VERSION_DIR));
        }
        return snapshots.get(snapshots.size() - 1);
    }

    private Path requireDataDir() throws StoreException {
        if (dataDir == null) {
            throw new StoreException("give --data-dir or --snapshot");
        }
        return dataDir;
    }
}
