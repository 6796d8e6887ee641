package zoolog.coord.zab;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.protocol.peer.PeerMessage;
import zoolog.protocol.peer.PeerState;
import zoolog.protocol.peer.Vote;

/**
 * Fast leader election, as ZooKeeper runs it. A looking member votes for the best {@link Ballot}
 * it has seen and tells every voter; rounds ({@code electionEpoch}) make stale votes harmless.
 * It settles when a quorum backs its ballot (after a short wait for better ones, unless every
 * voter has spoken), or when a quorum of members that already settled name a leader that says
 * it is leading. Members that are not looking answer a looking member's vote with their own, so
 * a restarted member finds the running leader. Observers vote for nobody and only join.
 */
final class Election {

    private static final Logger LOG = LoggerFactory.getLogger(Election.class);

    private final ZabPeer peer;
    private final ZabSettings settings;
    private long electionEpoch;
    private Ballot proposal;
    /** Votes of this round, by sender. */
    private final Map<Integer, Vote> received = new HashMap<>();
    /** Votes of members that have settled (following or leading), whatever their round. */
    private final Map<Integer, Vote> settled = new HashMap<>();
    private long quorumSinceMillis = -1;

    Election(ZabPeer peer, ZabSettings settings) {
        this.peer = peer;
        this.settings = settings;
    }

    long electionEpoch() {
        return electionEpoch;
    }

    /** Starts a new round backing this member itself. */
    void start(long nowMillis) {
        electionEpoch++;
        received.clear();
        settled.clear();
        proposal = peer.ownBallot();
        quorumSinceMillis = -1;
        LOG.info("Election round {}: voting for {} (zxid {}, epoch {})", electionEpoch, proposal.leader(),
                Zxid.hex(proposal.zxid()), proposal.peerEpoch());
        broadcast();
        maybeDecide(nowMillis);
    }

    /** Re-sends this member's vote while looking: votes travel over lossy links. */
    void onTick(long nowMillis) {
        broadcast();
        maybeDecide(nowMillis);
    }

    void onVote(long nowMillis, int from, Vote vote) {
        if (!sameEnsemble(vote)) {
            return;
        }
        if (!peer.isElecting()) {
            if (vote.getState() != PeerState.LOOKING) {
                return;
            }
            if (from == proposal.leader() && vote.getElectionEpoch() > electionEpoch) {
                // Our leader started a new election round: it has stepped down, so stop waiting for it.
                peer.becomeLooking("leader " + from + " started election round " + vote.getElectionEpoch());
                onVote(nowMillis, from, vote);
            } else {
                peer.send(from, message(peer.peerState()));
            }
            return;
        }
        if (vote.getState() == PeerState.LOOKING) {
            onLookingVote(nowMillis, from, vote);
        } else {
            onSettledVote(nowMillis, from, vote);
        }
    }

    private void onLookingVote(long nowMillis, int from, Vote vote) {
        if (!settings.voters().contains(from)) {
            return;
        }
        Ballot theirs = new Ballot(vote.getLeader(), vote.getZxid(), vote.getPeerEpoch());
        boolean votable = settings.voters().contains(theirs.leader());
        if (vote.getElectionEpoch() > electionEpoch) {
            electionEpoch = vote.getElectionEpoch();
            received.clear();
            Ballot own = peer.ownBallot();
            proposal = votable && theirs.beats(own) || settings.isObserver() ? theirs : own;
            quorumSinceMillis = -1;
            broadcast();
        } else if (vote.getElectionEpoch() < electionEpoch) {
            peer.send(from, message(PeerState.LOOKING));
            return;
        } else if (votable && theirs.beats(proposal)) {
            proposal = theirs;
            quorumSinceMillis = -1;
            broadcast();
        }
        received.put(from, vote);
        maybeDecide(nowMillis);
    }

    /**
     * A member that already follows or leads. In this round, a quorum backing its leader settles
     * it (a leader learns this way that its followers chose it). In any round, a quorum of
     * settled members naming a leader that itself says it leads means an ensemble is running.
     */
    private void onSettledVote(long nowMillis, int from, Vote vote) {
        int leader = vote.getLeader();
        if (vote.getElectionEpoch() == electionEpoch) {
            received.put(from, vote);
            Set<Integer> backers = backersOf(received, vote, true);
            if (settings.isQuorum(backers) && (leader == settings.myId() || saysLeading(leader))) {
                settle(new Ballot(leader, vote.getZxid(), vote.getPeerEpoch()));
                return;
            }
        }
        settled.put(from, vote);
        // Settled members may have joined in different rounds: only the leader they name matters.
        Set<Integer> backers = backersOf(settled, vote, false);
        if (leader != settings.myId() && saysLeading(leader) && settings.isQuorum(backers)) {
            electionEpoch = Math.max(electionEpoch, settled.get(leader).getElectionEpoch());
            LOG.info("Joining the established leader {} (election round {})", leader, electionEpoch);
            settle(new Ballot(leader, vote.getZxid(), vote.getPeerEpoch()));
        }
    }

    private Set<Integer> backersOf(Map<Integer, Vote> votes, Vote like, boolean sameBallot) {
        Set<Integer> backers = new HashSet<>();
        if (sameBallot && like.getLeader() == settings.myId()) {
            backers.add(settings.myId());
        }
        for (Map.Entry<Integer, Vote> entry : votes.entrySet()) {
            Vote other = entry.getValue();
            boolean same = other.getLeader() == like.getLeader() && (!sameBallot
                    || other.getElectionEpoch() == like.getElectionEpoch() && other.getZxid() == like.getZxid()
                    && other.getPeerEpoch() == like.getPeerEpoch());
            if (same) {
                backers.add(entry.getKey());
            }
        }
        return backers;
    }

    private boolean saysLeading(int leader) {
        Vote leaderVote = settled.get(leader);
        return leaderVote != null && leaderVote.getState() == PeerState.LEADING;
    }

    private void maybeDecide(long nowMillis) {
        if (settings.isObserver()) {
            return;
        }
        Set<Integer> backers = new HashSet<>();
        backers.add(settings.myId());
        for (Map.Entry<Integer, Vote> entry : received.entrySet()) {
            Vote vote = entry.getValue();
            if (vote.getLeader() == proposal.leader() && vote.getZxid() == proposal.zxid()
                    && vote.getPeerEpoch() == proposal.peerEpoch()) {
                backers.add(entry.getKey());
            }
        }
        if (!settings.isQuorum(backers)) {
            quorumSinceMillis = -1;
            return;
        }
        if (quorumSinceMillis < 0) {
            quorumSinceMillis = nowMillis;
        }
        boolean everyVoterAgrees = backers.containsAll(settings.voters());
        boolean waitedEnough = nowMillis - quorumSinceMillis >= settings.finalizeWaitMillis();
        if (!everyVoterAgrees && !waitedEnough) {
            return;
        }
        LOG.info("Election round {} settled on {} with {} of {} voters", electionEpoch, proposal.leader(),
                backers.size(), settings.voters().size());
        settle(proposal);
    }

    private void settle(Ballot ballot) {
        proposal = ballot;
        if (ballot.leader() == settings.myId()) {
            peer.becomeLeading();
        } else {
            peer.becomeLearner(ballot.leader());
        }
    }

    private boolean sameEnsemble(Vote vote) {
        String mine = peer.boundEnsembleId();
        return mine.isEmpty() || vote.getEnsembleId().isEmpty() || mine.equals(vote.getEnsembleId());
    }

    private void broadcast() {
        PeerMessage message = message(PeerState.LOOKING);
        for (int voter : settings.voters()) {
            if (voter != settings.myId()) {
                peer.send(voter, message);
            }
        }
    }

    private PeerMessage message(PeerState state) {
        return PeerMessage.newBuilder().setVote(Vote.newBuilder()
                .setLeader(proposal.leader())
                .setZxid(proposal.zxid())
                .setPeerEpoch(proposal.peerEpoch())
                .setElectionEpoch(electionEpoch)
                .setState(state)
                .setEnsembleId(peer.boundEnsembleId())).build();
    }
}
