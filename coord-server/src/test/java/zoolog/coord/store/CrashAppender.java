package zoolog.coord.store;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The child process of {@link CrashRecoveryTest}: appends txns 1, 2, 3, ... as fast as the store
 * takes them and prints {@code ack <zxid>} for every zxid once onDurable has covered it (the
 * token of each append is its zxid). It
 * never stops by itself before {@link #APPENDS_MAX}; the test kills it with SIGKILL.
 */
public final class CrashAppender {
    /** Upper bound on the loop, so an orphaned child still ends. */
    static final long APPENDS_MAX = 2_000_000;

    private CrashAppender() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Path dataLogDir = args.length > 1 ? Path.of(args[1]) : null;
        PrintStream out = System.out;
        long[] acked = {0};
        CoordStore store = CoordStore.open(dataDir, dataLogDir, token -> {
            StringBuilder lines = new StringBuilder();
            for (long z = acked[0] + 1; z <= token; z++) {
                lines.append("ack ").append(z).append('\n');
            }
            acked[0] = token;
            out.print(lines);
            out.flush();
        });
        for (long zxid = 1; zxid <= APPENDS_MAX; zxid++) {
            TestTxns.append(store, TestTxns.setData(zxid, "/crash", 100));
        }
        store.close();
    }
}
