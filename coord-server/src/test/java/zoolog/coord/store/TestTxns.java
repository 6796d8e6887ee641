package zoolog.coord.store;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import zoolog.coord.zab.DurableOp;
import zoolog.protocol.txn.AclEntry;
import zoolog.protocol.txn.CreateSessionTxn;
import zoolog.protocol.txn.CreateTxn;
import zoolog.protocol.txn.SetDataTxn;
import zoolog.protocol.txn.StoredNode;
import zoolog.protocol.txn.StoredSession;
import zoolog.protocol.txn.Txn;
import zoolog.protocol.zk.Perms;

/** Small factories for txns and stored records used by the store and tools tests. */
public final class TestTxns {
    public static final long TIME_MILLIS = 1_700_000_000_000L;
    public static final AclEntry OPEN_ACL = AclEntry.newBuilder().setPerms(Perms.ALL).setScheme("world").setId("anyone").build();

    private TestTxns() {}

    /** Appends with the txn's zxid as its token: fine while a test only appends, since both increase. */
    public static void append(CoordStore store, Txn txn) throws StoreException {
        store.write(txn.getZxid(), new DurableOp.AppendTxn(txn));
    }

    public static Txn setData(long zxid, String path, int dataBytes) {
        return Txn.newBuilder().setZxid(zxid).setTimeMillis(TIME_MILLIS + zxid).setSessionId(0x100L).setCxid((int) zxid)
                .setSetData(SetDataTxn.newBuilder().setPath(path).setData(ByteString.copyFrom(new byte[dataBytes])).setVersion(1))
                .build();
    }

    public static Txn create(long zxid, long sessionId, int cxid, String path, String data) {
        return Txn.newBuilder().setZxid(zxid).setTimeMillis(TIME_MILLIS).setSessionId(sessionId).setCxid(cxid)
                .setCreate(CreateTxn.newBuilder().setPath(path).setData(ByteString.copyFromUtf8(data)).addAcl(OPEN_ACL))
                .build();
    }

    public static Txn createSession(long zxid, long sessionId, int timeoutMillis) {
        return Txn.newBuilder().setZxid(zxid).setTimeMillis(TIME_MILLIS).setSessionId(sessionId)
                .setCreateSession(CreateSessionTxn.newBuilder().setTimeoutMillis(timeoutMillis)
                        .setPassword(ByteString.copyFrom(new byte[16])))
                .build();
    }

    public static StoredNode node(long zxid, String data) {
        return StoredNode.newBuilder().setData(ByteString.copyFromUtf8(data)).addAcl(OPEN_ACL)
                .setCzxid(zxid).setMzxid(zxid).setPzxid(zxid).setCtime(TIME_MILLIS).setMtime(TIME_MILLIS).build();
    }

    public static StoredSession session(long sessionId, int timeoutMillis) {
        return StoredSession.newBuilder().setSessionId(sessionId).setTimeoutMillis(timeoutMillis)
                .setPassword(ByteString.copyFrom(new byte[16])).build();
    }

    /** Everything {@link CoordStore#load} reported, in order. */
    public static final class Recorder implements CoordStore.LoadVisitor {
        public final List<String> paths = new ArrayList<>();
        public final List<StoredNode> nodes = new ArrayList<>();
        public final List<StoredSession> sessions = new ArrayList<>();
        public final List<Txn> txns = new ArrayList<>();

        @Override
        public void node(String path, StoredNode node) {
            paths.add(path);
            nodes.add(node);
        }

        @Override
        public void session(StoredSession session) {
            sessions.add(session);
        }

        @Override
        public void txn(Txn txn) {
            txns.add(txn);
        }

        public List<Long> zxids() {
            return txns.stream().map(Txn::getZxid).toList();
        }
    }

    public static Recorder load(CoordStore store) throws StoreException {
        Recorder recorder = new Recorder();
        store.load(recorder);
        return recorder;
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
