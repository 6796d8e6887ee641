package zoolog.coord.zab;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.protocol.peer.NewLeader;
import zoolog.protocol.peer.PeerMessage;
import zoolog.protocol.peer.Proposal;
import zoolog.protocol.peer.SnapshotChunk;
import zoolog.protocol.peer.SnapshotNode;
import zoolog.protocol.peer.SyncStart;
import zoolog.protocol.txn.Txn;

/**
 * How the leader brings one learner's log in line with its own, chosen from the learner's last
 * zxid {@code L}:
 * <ul>
 *   <li><b>DIFF</b> — the leader's log holds {@code L}: the learner's log is a prefix of the
 *       leader's, so send what follows.</li>
 *   <li><b>TRUNC</b> — the learner has proposals the leader does not (never committed, from a
 *       leader that failed): cut its log back to the last zxid both hold, then DIFF.</li>
 *   <li><b>SNAP</b> — {@code L} is older than the leader's in-memory window: send the whole state,
 *       then what follows it.</li>
 * </ul>
 * The stream then carries proposals up to {@code limit}, a Commit covering those the leader has
 * committed (always sent: a restarted learner may have logged more than it applied), and ends in
 * NewLeader (sent by the caller). Sent in one step, so the learner sees it
 * before any later proposal.
 */
final class SyncPlan {

    private static final Logger LOG = LoggerFactory.getLogger(SyncPlan.class);

    private SyncPlan() {}

    /**
     * Sends the stream for {@code handler} and returns the zxid its NewLeader will carry: the
     * last transaction the stream puts in the learner's log.
     */
    static long send(ZabPeer peer, LearnerHandler handler, long epoch, long committedZxid, long limitZxid) {
        History history = peer.history;
        long learnerZxid = handler.lastZxid;
        long from;
        if (learnerZxid <= limitZxid && history.contains(learnerZxid)) {
            from = learnerZxid;
            start(peer, handler.sid, SyncStart.Mode.DIFF, epoch, from);
        } else if (learnerZxid > limitZxid) {
            from = limitZxid;
            start(peer, handler.sid, SyncStart.Mode.TRUNC, epoch, from);
        } else if (history.highestBelow(learnerZxid) >= 0) {
            from = history.highestBelow(learnerZxid);
            start(peer, handler.sid, SyncStart.Mode.TRUNC, epoch, from);
        } else {
            Snapshot snapshot = peer.state.snapshot();
            from = snapshot.zxid();
            start(peer, handler.sid, SyncStart.Mode.SNAP, epoch, from);
            sendSnapshot(peer, handler.sid, snapshot);
        }
        LOG.info("Synchronising learner {} from {} (its last zxid {}) to {}", handler.sid, Zxid.hex(from),
                Zxid.hex(learnerZxid), Zxid.hex(Math.max(from, limitZxid)));
        long last = from;
        boolean commitSent = false;
        for (Txn txn : history.after(from)) {
            if (txn.getZxid() > limitZxid) {
                break;
            }
            if (!commitSent && txn.getZxid() > committedZxid) {
                peer.send(handler.sid, Leading.commitMessage(committedZxid));
                commitSent = true;
            }
            peer.send(handler.sid, PeerMessage.newBuilder().setProposal(Proposal.newBuilder().setTxn(txn)).build());
            last = txn.getZxid();
        }
        if (!commitSent) {
            peer.send(handler.sid, Leading.commitMessage(committedZxid));
        }
        return last;
    }

    static PeerMessage newLeader(long epoch, long lastZxid) {
        return PeerMessage.newBuilder().setNewLeader(NewLeader.newBuilder().setEpoch(epoch).setLastZxid(lastZxid)).build();
    }

    private static void start(ZabPeer peer, int sid, SyncStart.Mode mode, long epoch, long zxid) {
        peer.send(sid, PeerMessage.newBuilder().setSyncStart(SyncStart.newBuilder()
                .setMode(mode).setEpoch(epoch).setZxid(zxid)).build());
    }

    private static void sendSnapshot(ZabPeer peer, int sid, Snapshot snapshot) {
        int chunkMax = peer.settings.snapshotChunkNodesMax();
        List<SnapshotNode> nodes = snapshot.nodes();
        int index = 0;
        do {
            int end = Math.min(nodes.size(), index + chunkMax);
            SnapshotChunk.Builder chunk = SnapshotChunk.newBuilder().addAllNodes(nodes.subList(index, end));
            index = end;
            boolean last = index >= nodes.size();
            if (last) {
                chunk.addAllSessions(snapshot.sessions()).setLast(true);
            }
            peer.send(sid, PeerMessage.newBuilder().setSnapshotChunk(chunk).build());
        } while (index < nodes.size());
    }
}
