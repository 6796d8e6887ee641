package zoolog.coord.zab;

import java.util.ArrayDeque;
import java.util.List;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.protocol.peer.ForwardRejected;
import zoolog.protocol.peer.ForwardedRequest;
import zoolog.protocol.peer.PeerMessage;
import zoolog.protocol.peer.PeerState;
import zoolog.protocol.peer.SyncReply;
import zoolog.protocol.txn.Txn;

/**
 * One ensemble member's replication core: ZooKeeper Atomic Broadcast without sockets, disks,
 * threads or clocks. Inputs are peer messages, broken links, durability reports and ticks (each
 * with the time, read once by the driver); outputs go through {@link ZabEffects} (send, persist)
 * and {@link ReplicatedState} (apply committed transactions, role changes). The member is in one
 * role at a time:
 *
 * <pre>
 *   LOOKING ──election settles on me──▶ Leading:   discovery → synchronisation → broadcast
 *      ▲    ──settles on another────▶ Following: discovery → synchronisation → broadcast
 *      └──── lost quorum / leader silent / link broken / zxid counter exhausted
 * </pre>
 *
 * What it keeps durable (through {@link DurableOp}): the log, {@code acceptedEpoch} (the newest
 * epoch it promised to a prospective leader), {@code currentEpoch} (the epoch whose history it
 * accepted) and the ensemble id. Actions that must wait for an fsync ("ack once logged") are
 * queued by token and run when {@code onDurable} covers it, unless the role changed meanwhile.
 * Single-threaded: the driver calls everything from one thread.
 */
public final class ZabPeer {

    private static final Logger LOG = LoggerFactory.getLogger(ZabPeer.class);
    private static final int ENSEMBLE_ID_BYTES = 8;

    /** What survived on disk: epochs, ensemble id and the log after {@code logBaseZxid}. */
    public record Recovered(long acceptedEpoch, long currentEpoch, String ensembleId, long logBaseZxid, List<Txn> log) {}

    /** A read-only summary for four-letter words and tests. */
    public record View(Role role, int leaderId, long acceptedEpoch, long currentEpoch, long electionEpoch,
                       long lastLoggedZxid, int learners, int syncedLearners, int pendingSyncs,
                       long establishedEpoch, String ensembleId) {}

    private record AfterDurable(long token, long generation, Runnable action) {}

    final ZabSettings settings;
    final ReplicatedState state;
    final ZabEffects effects;
    final History history;
    private final RandomGenerator random;
    private final Election election;
    private final ArrayDeque<AfterDurable> afterDurable = new ArrayDeque<>();
    long acceptedEpoch;
    long currentEpoch;
    private String ensembleId;
    private long nextToken = 1;
    private long durableToken;
    /** Bumped on every role change; durable-actions of an older generation are dropped. */
    private long generation;
    long nowMillis;
    private Role role = Role.LOOKING;
    private Leading leading;
    private Following following;

    public ZabPeer(ZabSettings settings, Recovered recovered, ReplicatedState state, ZabEffects effects,
                   RandomGenerator random) {
        this.settings = settings;
        this.state = state;
        this.effects = effects;
        this.random = random;
        this.acceptedEpoch = recovered.acceptedEpoch();
        this.currentEpoch = recovered.currentEpoch();
        this.ensembleId = recovered.ensembleId();
        this.history = new History(recovered.logBaseZxid(), recovered.log());
        if (recovered.logBaseZxid() > state.lastAppliedZxid()) {
            throw new IllegalArgumentException("the log starts after " + Zxid.hex(recovered.logBaseZxid())
                    + " but the state is only at " + Zxid.hex(state.lastAppliedZxid()));
        }
        this.election = new Election(this, settings);
    }

    // ---------------------------------------------------------------- inputs

    public void start(long now) {
        nowMillis = now;
        becomeLooking("starting");
    }

    public void onMessage(long now, int from, PeerMessage message) {
        nowMillis = now;
        if (message.hasVote()) {
            election.onVote(now, from, message.getVote());
        } else if (leading != null) {
            leading.onMessage(from, message);
        } else if (following != null) {
            following.onMessage(from, message);
        }
    }

    /** The FIFO link to or from {@code sid} broke; messages may have been lost. */
    public void onPeerDown(long now, int sid) {
        nowMillis = now;
        if (leading != null) {
            leading.onPeerDown(sid);
        } else if (following != null && sid == following.leaderId()) {
            becomeLooking("lost the connection to leader " + sid);
        }
    }

    public void onDurable(long now, long token) {
        nowMillis = now;
        durableToken = Math.max(durableToken, token);
        while (!afterDurable.isEmpty() && afterDurable.peekFirst().token() <= durableToken) {
            AfterDurable done = afterDurable.pollFirst();
            if (done.generation() == generation) {
                done.action().run();
            }
        }
        if (following != null) {
            following.flushAck();
        }
    }

    public void onTick(long now) {
        nowMillis = now;
        if (leading != null) {
            leading.onTick();
        } else if (following != null) {
            following.onTick();
        } else {
            election.onTick(now);
        }
    }

    // ---------------------------------------------------------------- calls from the replicated state

    /** True when this member leads an established epoch and may propose. */
    public boolean canPropose() {
        return leading != null && leading.isEstablished();
    }

    /**
     * Leader: replicates a prepared transaction; it reaches {@link ReplicatedState#apply} once
     * committed. Accepted while a hand-over is pending (writes prepared before it still go out);
     * callers check {@link #canPropose} before taking new work.
     */
    public void propose(Txn txn) {
        if (leading == null || !leading.isEstablishedEpoch()) {
            throw new IllegalStateException("propose " + Zxid.hex(txn.getZxid()) + " while " + role);
        }
        leading.propose(txn);
    }

    /** Learner: sends a client's write, session operation or sync to the leader. */
    public void forward(ForwardedRequest request) {
        if (following != null) {
            following.forward(request);
        }
    }

    /** Leader: a forwarded request failed preparation; answered once earlier proposals commit. */
    public void reject(int learnerSid, ForwardRejected rejection) {
        if (leading != null) {
            leading.answerAfterOutstanding(learnerSid, PeerMessage.newBuilder().setRejected(rejection).build());
        }
    }

    /** Leader: answers a forwarded sync once every proposal made before it has committed. */
    public void replySync(int learnerSid, SyncReply reply) {
        if (leading != null) {
            leading.replySync(learnerSid, reply);
        }
    }

    public Role role() {
        return role;
    }

    public View view() {
        int leaderId = leading != null ? settings.myId() : following != null ? following.leaderId() : -1;
        return new View(role, leaderId, acceptedEpoch, currentEpoch, election.electionEpoch(), history.lastZxid(),
                leading == null ? 0 : leading.learnerCount(), leading == null ? 0 : leading.syncedLearnerCount(),
                leading == null ? 0 : leading.pendingSyncCount(),
                leading != null && leading.isEstablished() ? acceptedEpoch : -1, ensembleId);
    }

    // ---------------------------------------------------------------- role changes

    void becomeLooking(String reason) {
        if (role != Role.LOOKING || leading != null || following != null) {
            LOG.info("Going back to leader election: {}", reason);
        }
        enter(Role.LOOKING);
        state.roleChanged(Role.LOOKING, -1, 0);
        election.start(nowMillis);
    }

    void becomeLeading() {
        enter(Role.LOOKING);
        LOG.info("LEADING: starting discovery for a new epoch (accepted epoch {})", acceptedEpoch);
        leading = new Leading(this);
        leading.start();
    }

    void becomeLearner(int leaderId) {
        enter(Role.LOOKING);
        LOG.info("{}: connecting to leader {}", settings.isObserver() ? "OBSERVING" : "FOLLOWING", leaderId);
        following = new Following(this, leaderId);
        following.start();
    }

    /** The learner or leader finished synchronisation and serves clients now. */
    void becomeServing(Role servingRole, int leaderId, long nextZxid) {
        role = servingRole;
        state.roleChanged(servingRole, leaderId, nextZxid);
    }

    private void enter(Role next) {
        generation++;
        role = next;
        leading = null;
        following = null;
    }

    // ---------------------------------------------------------------- helpers for the roles

    Ballot ownBallot() {
        return new Ballot(settings.myId(), history.lastZxid(), currentEpoch);
    }

    PeerState peerState() {
        if (leading != null) {
            return PeerState.LEADING;
        }
        if (following != null) {
            return settings.isObserver() ? PeerState.OBSERVING : PeerState.FOLLOWING;
        }
        return PeerState.LOOKING;
    }

    /** True while leader election runs (not yet leading or following anyone). */
    boolean isElecting() {
        return leading == null && following == null;
    }

    /**
     * The id of the ensemble whose history this member last accepted: "" before its first sync.
     * A learner records its leader's id before logging any of that leader's data, so every
     * member holding a transaction recorded the id of the leader that proposed it, and a leader
     * without data of its own adopts the id of the longest history in its discovery quorum. A
     * member with committed data and a different id therefore holds another ensemble's data.
     */
    String ensembleId() {
        return ensembleId;
    }

    /** The id this member defends: its ensemble id once it holds committed data, "" before. */
    String boundEnsembleId() {
        return hasData() ? ensembleId : "";
    }

    boolean hasData() {
        return state.lastAppliedZxid() > 0;
    }

    /** Records the id of the leader whose epoch becomes current; saved with the epochs. */
    void recordEnsembleId(String id) {
        ensembleId = id;
    }

    String newEnsembleId() {
        byte[] bytes = new byte[ENSEMBLE_ID_BYTES];
        random.nextBytes(bytes);
        StringBuilder id = new StringBuilder();
        for (byte b : bytes) {
            id.append(String.format("%02x", b));
        }
        return id.toString();
    }

    void send(int sid, PeerMessage message) {
        effects.send(sid, message);
    }

    long persist(DurableOp op) {
        long token = nextToken++;
        effects.persist(token, op);
        return token;
    }

    long saveEpochs() {
        return persist(new DurableOp.SaveEpochs(acceptedEpoch, currentEpoch, ensembleId));
    }

    /** Runs {@code action} once {@code token} is durable, unless the role changes first. */
    void afterDurable(long token, Runnable action) {
        if (token <= durableToken) {
            action.run();
        } else {
            afterDurable.addLast(new AfterDurable(token, generation, action));
        }
    }

    /** Applies every logged transaction up to {@code zxid} that the state has not seen yet. */
    void applyUpTo(long zxid) {
        long applied = state.lastAppliedZxid();
        if (zxid <= applied) {
            return;
        }
        for (Txn txn : history.after(applied)) {
            if (txn.getZxid() > zxid) {
                break;
            }
            state.apply(txn);
        }
        if (state.lastAppliedZxid() < zxid) {
            throw new IllegalStateException("commit of " + Zxid.hex(zxid) + " but the log only reaches "
                    + Zxid.hex(history.lastZxid()));
        }
        history.trimCommitted(zxid, settings.historyWindowMax());
    }

    void fatal(String reason) {
        LOG.error(reason);
        enter(Role.LOOKING);
        effects.fatal(reason);
    }
}
