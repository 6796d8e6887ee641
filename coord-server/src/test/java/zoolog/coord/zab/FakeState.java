package zoolog.coord.zab;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import zoolog.protocol.peer.ForwardRejected;
import zoolog.protocol.peer.ForwardedRequest;
import zoolog.protocol.peer.SnapshotNode;
import zoolog.protocol.peer.SyncReply;
import zoolog.protocol.txn.StoredNode;
import zoolog.protocol.txn.Txn;

/**
 * The replicated state machine of the simulation: just the list of applied transactions, so
 * invariants can compare members directly. A snapshot encodes that list as "znodes".
 */
final class FakeState implements ReplicatedState {

    final List<Txn> applied = new ArrayList<>();
    Role role = Role.LOOKING;
    long nextZxid;
    private final FakeDisk disk;
    private final Consumer<Txn> onApplied;
    Consumer<ForwardedRequest> onForwarded = request -> { };

    FakeState(List<Txn> recovered, FakeDisk disk, Consumer<Txn> onApplied) {
        this.applied.addAll(recovered);
        this.disk = disk;
        this.onApplied = onApplied;
    }

    @Override
    public long lastAppliedZxid() {
        return applied.isEmpty() ? 0 : applied.get(applied.size() - 1).getZxid();
    }

    @Override
    public void apply(Txn txn) {
        if (txn.getZxid() <= lastAppliedZxid()) {
            throw new AssertionError("applied out of order: " + Zxid.hex(txn.getZxid()) + " after "
                    + Zxid.hex(lastAppliedZxid()));
        }
        applied.add(txn);
        disk.materialize(txn);
        onApplied.accept(txn);
    }

    @Override
    public Snapshot snapshot() {
        List<SnapshotNode> nodes = new ArrayList<>();
        for (Txn txn : applied) {
            nodes.add(SnapshotNode.newBuilder().setPath("/" + txn.getZxid())
                    .setNode(StoredNode.newBuilder().setData(txn.toByteString())).build());
        }
        return new Snapshot(lastAppliedZxid(), nodes, List.of());
    }

    @Override
    public void install(Snapshot snapshot) {
        applied.clear();
        applied.addAll(decode(snapshot.nodes()));
    }

    static List<Txn> decode(List<SnapshotNode> nodes) {
        List<Txn> txns = new ArrayList<>();
        for (SnapshotNode node : nodes) {
            try {
                txns.add(Txn.parseFrom(node.getNode().getData()));
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }
        return txns;
    }

    @Override
    public void roleChanged(Role newRole, int leaderSid, long firstZxid) {
        role = newRole;
        nextZxid = firstZxid;
    }

    @Override
    public void forwarded(int fromSid, ForwardedRequest request) {
        onForwarded.accept(request);
    }

    @Override
    public void touchSessions(List<Long> sessionIds) {
    }

    @Override
    public void rejected(ForwardRejected rejection) {
    }

    @Override
    public void syncReplied(SyncReply reply) {
    }

    @Override
    public List<Long> takeTouchedSessions() {
        return List.of();
    }
}
