package zoolog.coord.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import zoolog.coord.core.CoreEffects.NodeWrite;
import zoolog.coord.core.CoreEffects.SessionWrite;
import zoolog.coord.store.CoordStore;
import zoolog.coord.store.TestTxns;
import zoolog.protocol.txn.StoredNode;
import zoolog.protocol.txn.Txn;

class DumpCommandsTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {}

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int exitCode = line.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void dumpLogPrintsTheHistoryWhileTheServerHasTheStoreOpen() throws Exception {
        Path dataDir = dir.resolve("data");
        Path dataLogDir = dir.resolve("datalog");
        try (CoordStore store = CoordStore.open(dataDir, dataLogDir, zxid -> { })) {
            for (Txn txn : TxnLogDumpTest.HISTORY) {
                TestTxns.append(store, txn);
            }
            store.flush();
            Run run = run(new DumpLogCommand(), "--data-dir", dataDir.toString(), "--data-log-dir", dataLogDir.toString());
            List<String> expected = new ArrayList<>(TxnLogDumpTest.HISTORY_LINES);
            expected.add("7 txns");
            assertEquals(0, run.exitCode(), run.err());
            assertEquals(expected, run.out().lines().toList());
        }
    }

    @Test
    void dumpSnapshotPrintsNodesThenSessionsOfTheLatestSnapshot() throws Exception {
        StoredNode root = StoredNode.newBuilder().build();
        StoredNode app = TestTxns.node(2, "hello").toBuilder().setMzxid(3).setPzxid(4).setVersion(1).setCversion(1).build();
        StoredNode ephemeral = StoredNode.newBuilder().setDataNull(true).setCzxid(4).setMzxid(4).setPzxid(4)
                .setCtime(TestTxns.TIME_MILLIS).setMtime(TestTxns.TIME_MILLIS).setEphemeralOwner(0x100).build();
        try (CoordStore store = CoordStore.open(dir, null, zxid -> { })) {
            store.materialize(3, List.of(new NodeWrite("/", root)), List.of());
            store.snapshot();
            store.materialize(4, List.of(new NodeWrite("/app", app), new NodeWrite("/app/e", ephemeral)),
                    List.of(new SessionWrite(0x100, TestTxns.session(0x100, 30000)),
                            new SessionWrite(0x200, TestTxns.session(0x200, 5000))));
            store.snapshot();
        }
        Run run = run(new DumpSnapshotCommand(), "--data-dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(
                "snapshot " + dir.resolve("version-2/snapshot.4") + " materializedZxid 0x4",
                "/ czxid 0x0 ctime 1970-01-01T00:00:00Z mzxid 0x0 mtime 1970-01-01T00:00:00Z pzxid 0x0"
                        + " version 0 cversion 0 aversion 0 ephemeralOwner 0x0 dataLength 0",
                "/app czxid 0x2 ctime 2023-11-14T22:13:20Z mzxid 0x3 mtime 2023-11-14T22:13:20Z pzxid 0x4"
                        + " version 1 cversion 1 aversion 0 ephemeralOwner 0x0 dataLength 5",
                "/app/e czxid 0x4 ctime 2023-11-14T22:13:20Z mzxid 0x4 mtime 2023-11-14T22:13:20Z pzxid 0x4"
                        + " version 0 cversion 0 aversion 0 ephemeralOwner 0x100 dataLength -1",
                "session 0x100 timeout 30000 ephemerals 1",
                "session 0x200 timeout 5000 ephemerals 0",
                "3 nodes, 2 sessions"), run.out().lines().toList());

        Run older = run(new DumpSnapshotCommand(), "--snapshot", dir.resolve("version-2/snapshot.3").toString());
        assertEquals(0, older.exitCode(), older.err());
        assertEquals("1 nodes, 0 sessions", older.out().lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void problemsAreOneLineAndExitCodeOne() {
        Run noSnapshot = run(new DumpSnapshotCommand(), "--data-dir", dir.toString());
        assertEquals(1, noSnapshot.exitCode());
        assertEquals("dump-snapshot: no snapshot under " + dir.resolve("version-2") + System.lineSeparator(), noSnapshot.err());

        Run noStore = run(new DumpLogCommand(), "--data-dir", dir.resolve("missing").toString());
        assertEquals(1, noStore.exitCode());
        assertEquals("dump-log: no store at " + dir.resolve("missing/version-2/db") + System.lineSeparator(), noStore.err());

        Run nothingGiven = run(new DumpLogCommand());
        assertEquals(1, nothingGiven.exitCode());
        assertEquals("dump-log: give --data-dir or --snapshot" + System.lineSeparator(), nothingGiven.err());
    }
}
