package zoolog.coord.store;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import zoolog.coord.zab.DurableOp;
import zoolog.protocol.peer.SnapshotNode;
import zoolog.protocol.txn.StoredSession;

/**
 * The child process of {@link CrashRecoveryTest}'s snapshot-install case. Round {@code r} installs
 * a snapshot at zxid {@code 10 r} whose every node holds {@code "r"} and every session times out
 * after {@code 1000 + r} ms (token {@code 2r - 1}), then appends txn {@code 10 r + 1} (token
 * {@code 2r}); it prints {@code ack <r>} once the round's install is durable. Any mix of two rounds
 * after a crash would show as nodes or sessions that disagree. The test kills it with SIGKILL.
 */
public final class CrashInstaller {
    /** Upper bound on the loop, so an orphaned child still ends. */
    static final long ROUNDS_MAX = 200_000;
    static final int NODES = 200;
    static final int SESSIONS = 20;
    static final long ZXIDS_PER_ROUND = 10;
    static final int SESSION_TIMEOUT_MILLIS_BASE = 1000;

    private CrashInstaller() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Path dataLogDir = args.length > 1 ? Path.of(args[1]) : null;
        PrintStream out = System.out;
        long[] acked = {0};
        CoordStore store = CoordStore.open(dataDir, dataLogDir, token -> {
            StringBuilder lines = new StringBuilder();
            for (long round = acked[0] + 1; 2 * round - 1 <= token; round++) {
                lines.append("ack ").append(round).append('\n');
                acked[0] = round;
            }
            out.print(lines);
            out.flush();
        });
        for (long round = 1; round <= ROUNDS_MAX; round++) {
            long zxid = round * ZXIDS_PER_ROUND;
            List<SnapshotNode> nodes = new ArrayList<>();
            nodes.add(SnapshotNode.newBuilder().setPath("/").setNode(TestTxns.node(zxid, Long.toString(round))).build());
            for (int i = 0; i < NODES - 1; i++) {
                nodes.add(SnapshotNode.newBuilder().setPath("/n" + i).setNode(TestTxns.node(zxid, Long.toString(round))).build());
            }
            List<StoredSession> sessions = new ArrayList<>();
            for (long id = 1; id <= SESSIONS; id++) {
                sessions.add(TestTxns.session(id, SESSION_TIMEOUT_MILLIS_BASE + (int) round));
            }
            store.write(2 * round - 1, new DurableOp.InstallSnapshot(zxid, nodes, sessions));
            store.write(2 * round, new DurableOp.AppendTxn(TestTxns.setData(zxid + 1, "/n0", 10)));
        }
        store.close();
    }
}
