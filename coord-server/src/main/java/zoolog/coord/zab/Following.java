package zoolog.coord.zab;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.protocol.peer.Ack;
import zoolog.protocol.peer.AckEpoch;
import zoolog.protocol.peer.FollowerInfo;
import zoolog.protocol.peer.ForwardedRequest;
import zoolog.protocol.peer.LeaderInfo;
import zoolog.protocol.peer.NewLeader;
import zoolog.protocol.peer.PeerMessage;
import zoolog.protocol.peer.Pong;
import zoolog.protocol.peer.SnapshotChunk;
import zoolog.protocol.peer.SnapshotNode;
import zoolog.protocol.peer.SyncStart;
import zoolog.protocol.txn.StoredSession;
import zoolog.protocol.txn.Txn;

/**
 * A learner's side of ZAB (followers and observers alike; observers just never ack proposals
 * and are sent committed transactions only). Discovery: send FollowerInfo until the leader
 * answers with its new epoch, promise it durably, answer AckEpoch. Synchronisation: apply the
 * DIFF/TRUNC/SNAP stream, log its proposals, apply its commits, and ack NewLeader once the log
 * and the new current epoch are durable. Broadcast: log and ack each proposal, apply commits,
 * answer pings with the sessions local clients touched. Silence from the leader for
 * {@code syncLimit} ticks (or {@code initLimit} before serving) sends it back to election.
 */
final class Following {

    private static final Logger LOG = LoggerFactory.getLogger(Following.class);

    private enum Phase { CONNECTING, PROMISED, SYNCING, SERVING }

    private final ZabPeer peer;
    private final ZabSettings settings;
    private final int leaderId;
    private final long startedMillis;
    private Phase phase = Phase.CONNECTING;
    private long lastHeardMillis;
    /** The highest proposal logged durably but not yet acked; one Ack covers all below it. */
    private long ackableZxid = -1;
    /** The epoch promised to this leader in this session; its sync stream must carry it. */
    private long promisedEpoch = -1;
    /** The leader's ensemble id, recorded here when its sync stream starts. */
    private String leaderEnsembleId = "";
    private boolean newLeaderReceived;
    private long snapshotZxid;
    private List<SnapshotNode> snapshotNodes;
    private List<StoredSession> snapshotSessions;

    Following(ZabPeer peer, int leaderId) {
        this.peer = peer;
        this.settings = peer.settings;
        this.leaderId = leaderId;
        this.startedMillis = peer.nowMillis;
        this.lastHeardMillis = peer.nowMillis;
    }

    int leaderId() {
        return leaderId;
    }

    void start() {
        sendFollowerInfo();
    }

    private void sendFollowerInfo() {
        peer.send(leaderId, PeerMessage.newBuilder().setFollowerInfo(FollowerInfo.newBuilder()
                .setAcceptedEpoch(peer.acceptedEpoch)
                .setLastZxid(peer.history.lastZxid())
                .setObserver(settings.isObserver())
                .setCurrentEpoch(peer.currentEpoch)
                .setEnsembleId(peer.ensembleId())).build());
    }

    void forward(ForwardedRequest request) {
        peer.send(leaderId, PeerMessage.newBuilder().setForward(request).build());
    }

    void onMessage(int from, PeerMessage message) {
        if (from != leaderId) {
            return;
        }
        lastHeardMillis = peer.nowMillis;
        if (!accepts(message.getBodyCase())) {
            return;
        }
        switch (message.getBodyCase()) {
            case LEADER_INFO -> onNewEpoch(message.getLeaderInfo());
            case SYNC_START -> onSyncStart(message.getSyncStart());
            case SNAPSHOT_CHUNK -> onSnapshotChunk(message.getSnapshotChunk());
            case PROPOSAL -> onProposal(message.getProposal().getTxn());
            case COMMIT -> onCommit(message.getCommit().getZxid());
            case NEW_LEADER -> onNewLeader(message.getNewLeader());
            case UP_TO_DATE -> onUpToDate();
            case PING -> peer.send(leaderId, PeerMessage.newBuilder()
                    .setPong(Pong.newBuilder().addAllTouchedSessions(peer.state.takeTouchedSessions())).build());
            case REJECTED -> peer.state.rejected(message.getRejected());
            case SYNC_REPLY -> peer.state.syncReplied(message.getSyncReply());
            default -> LOG.debug("Ignoring {} from the leader", message.getBodyCase());
        }
    }

    /**
     * The stream is only valid in order: LeaderInfo while connecting, SyncStart once promised,
     * the rest once syncing. Anything else is left over from an earlier session with this leader.
     */
    private boolean accepts(PeerMessage.BodyCase body) {
        return switch (body) {
            case LEADER_INFO -> phase == Phase.CONNECTING || phase == Phase.PROMISED;
            case SYNC_START -> phase == Phase.PROMISED;
            case SNAPSHOT_CHUNK, PROPOSAL, COMMIT, NEW_LEADER, UP_TO_DATE, REJECTED, SYNC_REPLY ->
                    phase == Phase.SYNCING || phase == Phase.SERVING;
            default -> true;
        };
    }

    private void onNewEpoch(LeaderInfo info) {
        if (info.getNewEpoch() == promisedEpoch) {
            return;
        }
        String mine = peer.boundEnsembleId();
        if (!mine.isEmpty() && !mine.equals(info.getEnsembleId())) {
            peer.fatal("This server's data belongs to ensemble " + mine + ", but leader " + leaderId
                    + " leads ensemble " + info.getEnsembleId()
                    + "; move the data directory aside to join this ensemble as a new member");
            return;
        }
        if (info.getNewEpoch() < peer.acceptedEpoch) {
            peer.becomeLooking("leader " + leaderId + " proposed epoch " + info.getNewEpoch()
                    + ", older than the accepted epoch " + peer.acceptedEpoch);
            return;
        }
        phase = Phase.PROMISED;
        promisedEpoch = info.getNewEpoch();
        PeerMessage ackEpoch = PeerMessage.newBuilder().setAckEpoch(AckEpoch.newBuilder().setEpoch(promisedEpoch)
                .setCurrentEpoch(peer.currentEpoch).setLastZxid(peer.history.lastZxid())).build();
        leaderEnsembleId = info.getEnsembleId();
        if (info.getNewEpoch() > peer.acceptedEpoch) {
            peer.acceptedEpoch = info.getNewEpoch();
            peer.afterDurable(peer.saveEpochs(), () -> peer.send(leaderId, ackEpoch));
        } else {
            peer.send(leaderId, ackEpoch);
        }
    }

    private void onSyncStart(SyncStart start) {
        if (start.getEpoch() != promisedEpoch) {
            return;
        }
        phase = Phase.SYNCING;
        if (!leaderEnsembleId.equals(peer.ensembleId())) {
            // Recorded before any of this leader's data is, so data and id always agree on disk.
            peer.recordEnsembleId(leaderEnsembleId);
            peer.saveEpochs();
        }
        long zxid = start.getZxid();
        switch (start.getMode()) {
            case TRUNC -> {
                if (zxid < peer.state.lastAppliedZxid()) {
                    peer.fatal("Leader " + leaderId + " asked to truncate the log to " + Zxid.hex(zxid)
                            + ", below the committed " + Zxid.hex(peer.state.lastAppliedZxid()));
                    return;
                }
                LOG.info("TRUNC: dropping logged proposals after {}", Zxid.hex(zxid));
                peer.history.truncateAfter(zxid);
                peer.persist(new DurableOp.TruncateLog(zxid));
            }
            case SNAP -> {
                LOG.info("SNAP: receiving the leader's state at {}", Zxid.hex(zxid));
                snapshotZxid = zxid;
                snapshotNodes = new ArrayList<>();
                snapshotSessions = new ArrayList<>();
            }
            default -> LOG.info("DIFF: receiving proposals after {}", Zxid.hex(zxid));
        }
    }

    private void onSnapshotChunk(SnapshotChunk chunk) {
        if (snapshotNodes == null) {
            return;
        }
        snapshotNodes.addAll(chunk.getNodesList());
        snapshotSessions.addAll(chunk.getSessionsList());
        if (chunk.getLast()) {
            Snapshot snapshot = new Snapshot(snapshotZxid, List.copyOf(snapshotNodes), List.copyOf(snapshotSessions));
            snapshotNodes = null;
            snapshotSessions = null;
            peer.state.install(snapshot);
            peer.history.reset(snapshot.zxid());
            peer.persist(new DurableOp.InstallSnapshot(snapshot.zxid(), snapshot.nodes(), snapshot.sessions()));
        }
    }

    private void onProposal(Txn txn) {
        if (txn.getZxid() <= peer.history.lastZxid()) {
            return;
        }
        peer.history.append(txn);
        long token = peer.persist(new DurableOp.AppendTxn(txn));
        if (newLeaderReceived && !settings.isObserver()) {
            long zxid = txn.getZxid();
            peer.afterDurable(token, () -> ackableZxid = zxid);
        }
    }

    private void onCommit(long zxid) {
        peer.applyUpTo(zxid);
    }

    private void onNewLeader(NewLeader newLeader) {
        if (newLeader.getEpoch() != promisedEpoch) {
            peer.becomeLooking("leader " + leaderId + " sent NewLeader for epoch " + newLeader.getEpoch()
                    + " after this server promised epoch " + promisedEpoch);
            return;
        }
        newLeaderReceived = true;
        peer.currentEpoch = newLeader.getEpoch();
        long zxid = newLeader.getLastZxid();
        peer.afterDurable(peer.saveEpochs(), () -> peer.send(leaderId,
                PeerMessage.newBuilder().setAck(Ack.newBuilder().setZxid(zxid)).build()));
    }

    private void onUpToDate() {
        phase = Phase.SERVING;
        Role role = settings.isObserver() ? Role.OBSERVING : Role.FOLLOWING;
        LOG.info("{} leader {} in epoch {}, serving clients at {}", role, leaderId, peer.currentEpoch,
                Zxid.hex(peer.state.lastAppliedZxid()));
        peer.becomeServing(role, leaderId, 0);
    }

    /** Acks, in one message, every proposal that the last durability report covered. */
    void flushAck() {
        if (ackableZxid >= 0) {
            peer.send(leaderId, PeerMessage.newBuilder().setAck(Ack.newBuilder().setZxid(ackableZxid)).build());
            ackableZxid = -1;
        }
    }

    void onTick() {
        if (phase == Phase.CONNECTING) {
            sendFollowerInfo();
        }
        long silentMillis = peer.nowMillis - lastHeardMillis;
        if (phase == Phase.SERVING ? silentMillis > settings.syncLimitMillis()
                : peer.nowMillis - startedMillis > settings.initLimitMillis()) {
            peer.becomeLooking("leader " + leaderId + " went silent");
        }
    }
}
