package zoolog.coord.zab;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.protocol.peer.AckEpoch;
import zoolog.protocol.peer.Commit;
import zoolog.protocol.peer.FollowerInfo;
import zoolog.protocol.peer.LeaderInfo;
import zoolog.protocol.peer.PeerMessage;
import zoolog.protocol.peer.Ping;
import zoolog.protocol.peer.Proposal;
import zoolog.protocol.peer.SyncReply;
import zoolog.protocol.peer.UpToDate;
import zoolog.protocol.txn.Txn;

/**
 * The leader's side of ZAB, phase by phase:
 * <ol>
 *   <li><b>Discovery</b>: once a quorum of voters has sent FollowerInfo, the new epoch is one
 *       above every accepted epoch among them; each learner promises it (AckEpoch) and reports
 *       its history. A learner whose history is newer than the leader's means the election went
 *       wrong, and the leader gives up.</li>
 *   <li><b>Synchronisation</b>: each learner gets a DIFF, TRUNC or SNAP stream ({@link SyncPlan})
 *       ending in NewLeader. When a quorum has acked NewLeader, the leader's whole history is
 *       committed and the epoch is <i>established</i>.</li>
 *   <li><b>Broadcast</b>: proposals go to every synced follower; a proposal commits once a quorum
 *       (the leader included) has logged it, strictly in zxid order; observers receive committed
 *       transactions only.</li>
 * </ol>
 * A leader that cannot hold a quorum of synced, responsive voters for {@code syncLimit} ticks,
 * or does not establish its epoch within {@code initLimit} ticks, goes back to election.
 */
final class Leading {

    private static final Logger LOG = LoggerFactory.getLogger(Leading.class);

    /** An answer to a learner that must not overtake the commit of {@code afterZxid}. */
    private record PendingAnswer(long afterZxid, int learnerSid, PeerMessage answer) {}

    private final ZabPeer peer;
    private final ZabSettings settings;
    private final Map<Integer, LearnerHandler> learners = new TreeMap<>();
    private final long startedMillis;
    private final Set<Integer> epochVoters = new HashSet<>();
    private final Set<Integer> ackedEpoch = new HashSet<>();
    private final Set<Integer> ackedNewLeader = new HashSet<>();
    private final ArrayDeque<Txn> outstanding = new ArrayDeque<>();
    private final ArrayDeque<PendingAnswer> pendingAnswers = new ArrayDeque<>();
    private long newEpoch = -1;
    /** The ensemble id proposed with the new epoch; bound on this member when the epoch becomes current. */
    private String ensembleId = "";
    private boolean newEpochDurable;
    private boolean syncStarted;
    private boolean established;
    private boolean handOverPending;
    private long establishedZxid;
    private long myAckedZxid = -1;
    private long lastPingMillis;

    Leading(ZabPeer peer) {
        this.peer = peer;
        this.settings = peer.settings;
        this.startedMillis = peer.nowMillis;
        this.lastPingMillis = peer.nowMillis;
    }

    void start() {
        epochVoters.add(settings.myId());
        maybeDecideEpoch();
    }

    boolean isEstablished() {
        return established && !handOverPending;
    }

    boolean isEstablishedEpoch() {
        return established;
    }

    int learnerCount() {
        return learners.size();
    }

    int syncedLearnerCount() {
        return (int) learners.values().stream().filter(h -> h.phase == LearnerHandler.Phase.BROADCAST).count();
    }

    int pendingSyncCount() {
        return (int) pendingAnswers.stream().filter(answer -> answer.answer().hasSyncReply()).count();
    }

    void onMessage(int from, PeerMessage message) {
        LearnerHandler handler = learners.get(from);
        if (handler != null) {
            handler.lastHeardMillis = peer.nowMillis;
        }
        if (message.hasFollowerInfo()) {
            onFollowerInfo(from, message.getFollowerInfo());
        } else if (handler == null) {
            return;
        } else if (message.hasAckEpoch()) {
            onAckEpoch(handler, message.getAckEpoch());
        } else if (message.hasAck()) {
            onAck(handler, message.getAck().getZxid());
        } else if (message.hasPong() && established) {
            peer.state.touchSessions(message.getPong().getTouchedSessionsList());
        } else if (message.hasForward() && established && handler.phase == LearnerHandler.Phase.BROADCAST) {
            peer.state.forwarded(from, message.getForward());
        }
    }

    void onPeerDown(int sid) {
        if (learners.remove(sid) != null) {
            LOG.info("Learner {} disconnected", sid);
        }
    }

    // ---------------------------------------------------------------- discovery

    private void onFollowerInfo(int from, FollowerInfo info) {
        boolean voter = settings.voters().contains(from);
        if (!voter && !settings.observers().contains(from)) {
            return;
        }
        String mine = peer.boundEnsembleId();
        boolean foreign = !mine.isEmpty() && !info.getEnsembleId().isEmpty() && !mine.equals(info.getEnsembleId());
        if (foreign) {
            LOG.warn("Server {} recorded ensemble {}, not this ensemble {}; it joins only if it holds no data", from,
                    info.getEnsembleId(), mine);
        }
        if (newEpoch >= 0 && info.getAcceptedEpoch() >= newEpoch && !foreign) {
            // It promised a newer epoch to a leader that failed; it can never accept ours, so start another.
            peer.becomeLooking("server " + from + " already promised epoch " + info.getAcceptedEpoch()
                    + ", not older than this leader's " + newEpoch);
            return;
        }
        LearnerHandler handler = learners.get(from);
        boolean stillDiscovering = handler != null && (handler.phase == LearnerHandler.Phase.DISCOVERING
                || handler.phase == LearnerHandler.Phase.AWAITING_ACK_EPOCH);
        if (!stillDiscovering) {
            handler = new LearnerHandler(from, !voter, peer.nowMillis);
            learners.put(from, handler);
        }
        handler.acceptedEpoch = info.getAcceptedEpoch();
        handler.lastZxid = info.getLastZxid();
        handler.ensembleId = info.getEnsembleId();
        handler.currentEpoch = info.getCurrentEpoch();
        if (newEpochDurable) {
            sendLeaderInfo(handler);
        } else if (newEpoch < 0 && voter && !foreign) {
            epochVoters.add(from);
            maybeDecideEpoch();
        }
    }

    private void maybeDecideEpoch() {
        if (newEpoch >= 0 || !settings.isQuorum(epochVoters)) {
            return;
        }
        long highest = peer.acceptedEpoch;
        String adopted = peer.ensembleId();
        long adoptedFrom = adopted.isEmpty() ? -1 : peer.history.lastZxid();
        for (int sid : epochVoters) {
            LearnerHandler handler = learners.get(sid);
            if (handler != null) {
                highest = Math.max(highest, handler.acceptedEpoch);
                // Without data of its own, the leader takes the id of the longest history it hears of.
                if (peer.boundEnsembleId().isEmpty() && !handler.ensembleId.isEmpty() && handler.lastZxid > adoptedFrom) {
                    adopted = handler.ensembleId;
                    adoptedFrom = handler.lastZxid;
                }
            }
        }
        newEpoch = highest + 1;
        if (adopted.isEmpty()) {
            adopted = peer.newEnsembleId();
            LOG.info("Founding ensemble {}", adopted);
        }
        ensembleId = adopted;
        peer.acceptedEpoch = newEpoch;
        LOG.info("Proposing epoch {} to {} voters", newEpoch, epochVoters.size());
        peer.afterDurable(peer.saveEpochs(), () -> {
            newEpochDurable = true;
            ackedEpoch.add(settings.myId());
            for (LearnerHandler handler : learners.values()) {
                if (handler.phase == LearnerHandler.Phase.DISCOVERING) {
                    sendLeaderInfo(handler);
                }
            }
            maybeFinishDiscovery();
        });
    }

    private PeerMessage leaderInfo() {
        return PeerMessage.newBuilder().setLeaderInfo(LeaderInfo.newBuilder()
                .setNewEpoch(newEpoch).setEnsembleId(ensembleId)).build();
    }

    private void sendLeaderInfo(LearnerHandler handler) {
        peer.send(handler.sid, leaderInfo());
        handler.phase = LearnerHandler.Phase.AWAITING_ACK_EPOCH;
    }

    private void onAckEpoch(LearnerHandler handler, AckEpoch ack) {
        if (handler.phase != LearnerHandler.Phase.AWAITING_ACK_EPOCH || ack.getEpoch() != newEpoch) {
            return;
        }
        handler.currentEpoch = ack.getCurrentEpoch();
        handler.lastZxid = ack.getLastZxid();
        handler.phase = LearnerHandler.Phase.PARKED;
        if (!syncStarted) {
            boolean ahead = ack.getCurrentEpoch() > peer.currentEpoch
                    || (ack.getCurrentEpoch() == peer.currentEpoch && ack.getLastZxid() > peer.history.lastZxid());
            if (ahead && !handler.observer) {
                peer.becomeLooking("follower " + handler.sid + " is ahead of this leader (epoch "
                        + ack.getCurrentEpoch() + ", zxid " + Zxid.hex(ack.getLastZxid()) + ")");
                return;
            }
            if (!handler.observer) {
                ackedEpoch.add(handler.sid);
            }
            maybeFinishDiscovery();
        } else if (established || !handler.observer) {
            sync(handler);
        }
    }

    private void maybeFinishDiscovery() {
        if (syncStarted || !newEpochDurable || !settings.isQuorum(ackedEpoch)) {
            return;
        }
        syncStarted = true;
        peer.currentEpoch = newEpoch;
        peer.recordEnsembleId(ensembleId);
        establishedZxid = peer.history.lastZxid();
        LOG.info("Epoch {} promised by a quorum; synchronising learners to {}", newEpoch, Zxid.hex(establishedZxid));
        peer.afterDurable(peer.saveEpochs(), () -> {
            ackedNewLeader.add(settings.myId());
            myAckedZxid = establishedZxid;
            maybeEstablish();
        });
        for (LearnerHandler handler : learners.values()) {
            if (handler.phase == LearnerHandler.Phase.PARKED && !handler.observer) {
                sync(handler);
            }
        }
    }

    // ---------------------------------------------------------------- synchronisation

    private void sync(LearnerHandler handler) {
        long committed = peer.state.lastAppliedZxid();
        long limit = handler.observer ? committed : peer.history.lastZxid();
        handler.newLeaderZxid = SyncPlan.send(peer, handler, newEpoch, committed, limit);
        handler.phase = LearnerHandler.Phase.SYNCING;
        handler.newLeaderAcked = false;
        peer.send(handler.sid, SyncPlan.newLeader(newEpoch, handler.newLeaderZxid));
    }

    private void onAck(LearnerHandler handler, long zxid) {
        if (handler.phase == LearnerHandler.Phase.SYNCING && !handler.newLeaderAcked) {
            handler.newLeaderAcked = true;
            handler.ackedZxid = handler.newLeaderZxid;
            if (established) {
                becomeSynced(handler);
                maybeCommit();
            } else {
                ackedNewLeader.add(handler.sid);
                maybeEstablish();
            }
        } else if (handler.phase == LearnerHandler.Phase.BROADCAST && !handler.observer) {
            handler.ackedZxid = Math.max(handler.ackedZxid, zxid);
            maybeCommit();
        }
    }

    private void becomeSynced(LearnerHandler handler) {
        handler.phase = LearnerHandler.Phase.BROADCAST;
        peer.send(handler.sid, PeerMessage.newBuilder().setUpToDate(UpToDate.getDefaultInstance()).build());
    }

    private void maybeEstablish() {
        if (established || !settings.isQuorum(ackedNewLeader)) {
            return;
        }
        established = true;
        peer.applyUpTo(establishedZxid);
        LOG.info("LEADING epoch {} established with {} voters at {}", newEpoch, ackedNewLeader.size(),
                Zxid.hex(establishedZxid));
        PeerMessage commit = commitMessage(establishedZxid);
        for (LearnerHandler handler : learners.values()) {
            if (handler.phase == LearnerHandler.Phase.SYNCING) {
                peer.send(handler.sid, commit);
                if (handler.newLeaderAcked) {
                    becomeSynced(handler);
                }
            } else if (handler.phase == LearnerHandler.Phase.PARKED) {
                sync(handler);
            }
        }
        peer.becomeServing(Role.LEADING, settings.myId(), Zxid.of(newEpoch, 1));
    }

    // ---------------------------------------------------------------- broadcast

    void propose(Txn txn) {
        long zxid = txn.getZxid();
        if (Zxid.epoch(zxid) != newEpoch) {
            throw new IllegalStateException("proposal " + Zxid.hex(zxid) + " outside epoch " + newEpoch);
        }
        peer.history.append(txn);
        outstanding.addLast(txn);
        peer.afterDurable(peer.persist(new DurableOp.AppendTxn(txn)), () -> {
            myAckedZxid = Math.max(myAckedZxid, zxid);
            maybeCommit();
        });
        PeerMessage proposal = PeerMessage.newBuilder().setProposal(Proposal.newBuilder().setTxn(txn)).build();
        for (LearnerHandler handler : learners.values()) {
            if (!handler.observer && handler.receivesBroadcast()) {
                peer.send(handler.sid, proposal);
            }
        }
        if (Zxid.counter(zxid) >= settings.counterMax()) {
            LOG.info("The zxid counter of epoch {} is exhausted; handing over to a new epoch", newEpoch);
            handOverPending = true;
        }
    }

    void replySync(int learnerSid, SyncReply reply) {
        answerAfterOutstanding(learnerSid, PeerMessage.newBuilder().setSyncReply(reply).build());
    }

    /**
     * Sends {@code answer} once every proposal made so far has committed: a sync promises that,
     * and a rejected write (judged against pending changes) must not reveal an uncommitted one.
     */
    void answerAfterOutstanding(int learnerSid, PeerMessage answer) {
        if (outstanding.isEmpty()) {
            peer.send(learnerSid, answer);
        } else {
            pendingAnswers.addLast(new PendingAnswer(outstanding.peekLast().getZxid(), learnerSid, answer));
        }
    }

    /**
     * Commits outstanding proposals in zxid order while the oldest has a quorum of durable copies.
     * One Commit per learner covers everything committed in this step (a commit means "up to"),
     * which under load saves most commit messages; observers get each committed transaction.
     */
    private void maybeCommit() {
        long committedZxid = -1;
        while (!outstanding.isEmpty()) {
            long zxid = outstanding.peekFirst().getZxid();
            int votes = myAckedZxid >= zxid && settings.voters().contains(settings.myId()) ? 1 : 0;
            for (LearnerHandler handler : learners.values()) {
                if (!handler.observer && handler.ackedZxid >= zxid) {
                    votes++;
                }
            }
            if (!settings.isQuorumCount(votes)) {
                break;
            }
            Txn txn = outstanding.pollFirst();
            peer.applyUpTo(zxid);
            inform(txn);
            committedZxid = zxid;
        }
        if (committedZxid < 0) {
            return;
        }
        PeerMessage commit = commitMessage(committedZxid);
        for (LearnerHandler handler : learners.values()) {
            if (handler.receivesBroadcast()) {
                peer.send(handler.sid, commit);
            }
        }
        while (!pendingAnswers.isEmpty() && pendingAnswers.peekFirst().afterZxid() <= committedZxid) {
            PendingAnswer done = pendingAnswers.pollFirst();
            peer.send(done.learnerSid(), done.answer());
        }
    }

    /** Observers never saw the proposal: they get the committed transaction itself. */
    private void inform(Txn txn) {
        PeerMessage inform = null;
        for (LearnerHandler handler : learners.values()) {
            if (handler.observer && handler.receivesBroadcast()) {
                if (inform == null) {
                    inform = PeerMessage.newBuilder().setProposal(Proposal.newBuilder().setTxn(txn)).build();
                }
                peer.send(handler.sid, inform);
            }
        }
    }

    static PeerMessage commitMessage(long zxid) {
        return PeerMessage.newBuilder().setCommit(Commit.newBuilder().setZxid(zxid)).build();
    }

    // ---------------------------------------------------------------- liveness

    void onTick() {
        if (handOverPending) {
            peer.becomeLooking("handing over to a new epoch");
            return;
        }
        if (peer.nowMillis - lastPingMillis >= settings.tickMillis() / 2) {
            lastPingMillis = peer.nowMillis;
            PeerMessage ping = PeerMessage.newBuilder().setPing(Ping.getDefaultInstance()).build();
            for (LearnerHandler handler : learners.values()) {
                peer.send(handler.sid, ping);
            }
        }
        learners.values().removeIf(handler -> {
            // A learner still synchronising (installing a large snapshot, say) gets initLimit, as in ZooKeeper.
            boolean synced = handler.phase == LearnerHandler.Phase.BROADCAST;
            long limitMillis = synced ? settings.syncLimitMillis() : settings.initLimitMillis();
            boolean silent = peer.nowMillis - handler.lastHeardMillis > limitMillis;
            if (silent) {
                LOG.warn("Learner {} silent for more than {}; dropping it", handler.sid, synced ? "syncLimit" : "initLimit");
            }
            return silent;
        });
        if (!established) {
            if (peer.nowMillis - startedMillis > settings.initLimitMillis()) {
                peer.becomeLooking("no quorum synchronised within initLimit");
            }
            return;
        }
        Set<Integer> synced = new HashSet<>();
        synced.add(settings.myId());
        for (LearnerHandler handler : learners.values()) {
            if (handler.phase == LearnerHandler.Phase.BROADCAST) {
                synced.add(handler.sid);
            }
        }
        if (!settings.isQuorum(synced)) {
            peer.becomeLooking("lost the quorum of synced followers");
        }
    }
}
