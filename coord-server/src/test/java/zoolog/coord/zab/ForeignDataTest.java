package zoolog.coord.zab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Set;
import org.junit.jupiter.api.Test;
import zoolog.protocol.peer.LeaderInfo;
import zoolog.protocol.peer.PeerMessage;
import zoolog.protocol.peer.PeerState;
import zoolog.protocol.peer.Vote;
import zoolog.protocol.txn.SetDataTxn;
import zoolog.protocol.txn.Txn;

/**
 * Seed 000's failure, prevented: a member whose committed data belongs to another ensemble
 * refuses to join with one clear line, while a member without data simply adopts the leader's id.
 */
class ForeignDataTest {

    private static final long NOW = 1_000;

    private final List<String> fatal = new ArrayList<>();
    private final List<PeerMessage> sent = new ArrayList<>();

    private ZabPeer member(String ensembleId, List<Txn> applied) {
        FakeDisk disk = new FakeDisk();
        FakeState state = new FakeState(applied, disk, txn -> { });
        ZabSettings settings = new ZabSettings(1, Set.of(1, 2, 3), Set.of(), 100, 10, 5, 10, 10, 100, 100);
        ZabPeer.Recovered recovered = new ZabPeer.Recovered(3, 3, ensembleId, state.lastAppliedZxid(), List.of());
        return new ZabPeer(settings, recovered, state, new ZabEffects() {
            @Override
            public void send(int sid, PeerMessage message) {
                sent.add(message);
            }

            @Override
            public void persist(long token, DurableOp op) {
            }

            @Override
            public void fatal(String reason) {
                fatal.add(reason);
            }
        }, new SplittableRandom(1));
    }

    /** Leader 2 says it leads ensemble {@code ensembleId} in epoch 7; member 1 follows it. */
    private void joinLeaderOf(ZabPeer peer, String ensembleId) {
        peer.start(NOW);
        Vote leading = Vote.newBuilder().setLeader(2).setZxid(Zxid.of(7, 0)).setPeerEpoch(7).setElectionEpoch(1)
                .setState(PeerState.LEADING).setEnsembleId("").build();
        Vote following = leading.toBuilder().setState(PeerState.FOLLOWING).build();
        peer.onMessage(NOW, 2, PeerMessage.newBuilder().setVote(leading).build());
        peer.onMessage(NOW, 3, PeerMessage.newBuilder().setVote(following).build());
        peer.onMessage(NOW, 2, PeerMessage.newBuilder().setLeaderInfo(
                LeaderInfo.newBuilder().setNewEpoch(8).setEnsembleId(ensembleId)).build());
    }

    @Test
    void aMemberWithAnotherEnsemblesDataRefusesToJoin() {
        Txn committed = Txn.newBuilder().setZxid(Zxid.of(3, 1)).setSetData(SetDataTxn.newBuilder().setPath("/a")).build();
        ZabPeer peer = member("aaaa", List.of(committed));
        joinLeaderOf(peer, "bbbb");
        assertEquals(1, fatal.size());
        assertTrue(fatal.get(0).contains("belongs to ensemble aaaa") && fatal.get(0).contains("ensemble bbbb"), fatal.get(0));
        assertTrue(sent.stream().noneMatch(PeerMessage::hasAckEpoch), "it never promised the foreign leader anything");
    }

    @Test
    void aMemberWithoutDataAdoptsTheLeadersEnsemble() {
        ZabPeer peer = member("aaaa", List.of());
        joinLeaderOf(peer, "bbbb");
        assertEquals(List.of(), fatal);
        assertEquals(Role.LOOKING, peer.role(), "still syncing, not serving yet");
    }
}
