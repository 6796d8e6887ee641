package zoolog.coord.zab;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import zoolog.protocol.peer.ForwardedRequest;
import zoolog.protocol.peer.PeerMessage;
import zoolog.protocol.txn.SetDataTxn;
import zoolog.protocol.txn.Txn;

/**
 * A deterministic, seeded simulation of an ensemble of {@link ZabPeer}s over a simulated network
 * and disks. Quorum links are FIFO and break as a whole (both ends are told, as TCP would);
 * votes travel separately and may be lost, duplicated or reordered. A safety phase mixes client
 * writes with crashes (losing unsynced writes or not), restarts, partitions (links broken or
 * stalled) and link breaks; a heal phase then lets the ensemble converge. Invariants run after
 * every event; a failure names the seed and ends with the trace of recent events.
 */
final class ZabSimulation {

    static final int TICK_MILLIS = 100;
    private static final int TRACE_MAX = 400;
    /** Votes the network holds at once; beyond that one is lost, as a congested link would lose it. */
    private static final int VOTES_IN_FLIGHT_MAX = 12;

    private final SplittableRandom random;
    private final long seed;
    private final int voters;
    private final int observers;
    private final Set<Integer> voterIds = new HashSet<>();
    private final Set<Integer> observerIds = new HashSet<>();
    private final int historyWindowMax;
    private final int snapshotChunkNodesMax;
    private final long counterMax;
    private final Map<Integer, Node> nodes = new TreeMap<>();
    private final Map<Long, ArrayDeque<Object>> links = new LinkedHashMap<>();
    private final Set<Long> stalled = new HashSet<>();
    private final List<Object[]> votes = new ArrayList<>();
    private final ArrayDeque<String> trace = new ArrayDeque<>();
    private final List<Txn> committed = new ArrayList<>();
    private final Set<Long> acknowledged = new HashSet<>();
    private final Map<Long, Integer> leaderOfEpoch = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    private long now;
    private int writes;

    private static final Object LINK_DOWN = new Object();

    /** One member: its core, state and disk; {@code peer} is null while crashed. */
    private final class Node {
        final int id;
        final FakeDisk disk = new FakeDisk();
        ZabPeer peer;
        FakeState state;

        Node(int id) {
            this.id = id;
        }

        void boot() {
            long base = disk.materializedZxid();
            List<Txn> log = new ArrayList<>(disk.log.tailMap(base, false).values());
            state = new FakeState(disk.materialized, disk, txn -> onApplied(this, txn));
            ZabPeer.Recovered recovered = new ZabPeer.Recovered(disk.acceptedEpoch, disk.currentEpoch, disk.ensembleId,
                    base, log);
            ZabSettings settings = new ZabSettings(id, voterIds, observerIds, TICK_MILLIS, 10, 5, historyWindowMax,
                    snapshotChunkNodesMax, counterMax, TICK_MILLIS);
            peer = new ZabPeer(settings, recovered, state, new ZabEffects() {
                @Override
                public void send(int sid, PeerMessage message) {
                    onSend(id, sid, message);
                }

                @Override
                public void persist(long token, DurableOp op) {
                    disk.persist(token, op);
                }

                @Override
                public void fatal(String reason) {
                    throw new AssertionError("node " + id + " fatal: " + reason);
                }
            }, random.split());
            state.onForwarded = request -> proposeAt(this, request.getCxid());
            peer.start(now);
        }
    }

    ZabSimulation(long seed, int voters, int observers) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.voters = voters;
        this.observers = observers;
        for (int id = 1; id <= voters + observers; id++) {
            (id <= voters ? voterIds : observerIds).add(id);
        }
        this.historyWindowMax = 1 + random.nextInt(40);
        this.snapshotChunkNodesMax = 1 + random.nextInt(5);
        this.counterMax = 2 + random.nextInt(20);
        for (int id = 1; id <= voters + observers; id++) {
            nodes.put(id, new Node(id));
        }
    }

    /** Runs {@code faultySteps} random events with faults, then heals and checks convergence. */
    void run(int faultySteps) {
        try {
            for (Node node : nodes.values()) {
                node.boot();
            }
            for (int step = 0; step < faultySteps; step++) {
                randomEvent(true);
                checkSafety();
            }
            heal();
            converge();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("simulation failed, seed " + seed + " (" + voters + " voters, " + observers
                    + " observers): " + e.getMessage() + "\n--- trace (last " + trace.size() + " events)\n"
                    + String.join("\n", trace), e);
        }
    }

    /** Which protocol paths this run went through: sync modes, crashes, epoch handovers. */
    Set<String> seen() {
        return seen;
    }

    // ---------------------------------------------------------------- events

    private void randomEvent(boolean faults) {
        // Messages and fsyncs are far more frequent than ticks, as milliseconds are to tickTime.
        int dice = random.nextInt(100);
        if (dice < 55) {
            deliverQuorumMessage();
        } else if (dice < 70) {
            deliverVote();
        } else if (dice < 85) {
            flushDisk();
        } else if (dice < 88) {
            tick();
        } else if (!faults) {
            return;
        } else if (dice < 96) {
            clientWrite();
        } else {
            fault();
        }
    }

    private void fault() {
        int dice = random.nextInt(100);
        List<Node> up = nodes.values().stream().filter(n -> n.peer != null).toList();
        List<Node> down = nodes.values().stream().filter(n -> n.peer == null).toList();
        if (dice < 25 && !up.isEmpty()) {
            crash(up.get(random.nextInt(up.size())));
        } else if (dice < 50 && !down.isEmpty()) {
            restart(down.get(random.nextInt(down.size())));
        } else if (dice < 65) {
            partition();
        } else if (dice < 80) {
            stalled.clear();
            log("heal partitions");
        } else {
            int from = 1 + random.nextInt(nodes.size());
            int to = 1 + random.nextInt(nodes.size());
            if (from != to) {
                breakLink(from, to);
            }
        }
    }

    private void deliverQuorumMessage() {
        List<Long> ready = new ArrayList<>();
        for (Map.Entry<Long, ArrayDeque<Object>> link : links.entrySet()) {
            if (!link.getValue().isEmpty() && !stalled.contains(link.getKey())) {
                ready.add(link.getKey());
            }
        }
        if (ready.isEmpty()) {
            return;
        }
        long key = ready.get(random.nextInt(ready.size()));
        Object item = links.get(key).pollFirst();
        int from = (int) (key >>> 32);
        int to = (int) key;
        Node target = nodes.get(to);
        if (target.peer == null) {
            return;
        }
        if (item == LINK_DOWN) {
            log("peerDown " + from + " at " + to);
            target.peer.onPeerDown(now, from);
        } else {
            PeerMessage message = (PeerMessage) item;
            log(from + "->" + to + " " + describe(message));
            if (message.hasSyncStart()) {
                seen.add(message.getSyncStart().getMode().toString());
            }
            target.peer.onMessage(now, from, message);
        }
    }

    private void deliverVote() {
        if (votes.isEmpty()) {
            return;
        }
        int index = random.nextInt(votes.size());
        Object[] vote = random.nextInt(10) == 0 ? votes.get(index) : votes.remove(index);
        if (random.nextInt(10) == 0) {
            return;
        }
        int from = (int) vote[0];
        int to = (int) vote[1];
        Node target = nodes.get(to);
        if (target.peer != null && !stalled.contains(key(from, to))) {
            PeerMessage message = (PeerMessage) vote[2];
            log(from + "->" + to + " vote " + message.getVote().getLeader() + " round "
                    + message.getVote().getElectionEpoch() + " " + message.getVote().getState());
            target.peer.onMessage(now, from, message);
        }
    }

    private void flushDisk() {
        List<Node> busy = nodes.values().stream().filter(n -> n.peer != null && n.disk.hasPending()).toList();
        if (busy.isEmpty()) {
            return;
        }
        Node node = busy.get(random.nextInt(busy.size()));
        long token = node.disk.flush(1 + random.nextInt(8));
        if (token > 0) {
            log("durable " + token + " at " + node.id);
            node.peer.onDurable(now, token);
        }
    }

    private void tick() {
        now += TICK_MILLIS / 2;
        for (Node node : nodes.values()) {
            if (node.peer != null) {
                node.peer.onTick(now);
            }
        }
    }

    private void clientWrite() {
        List<Node> up = nodes.values().stream().filter(n -> n.peer != null).toList();
        if (up.isEmpty()) {
            return;
        }
        Node node = up.get(random.nextInt(up.size()));
        int write = ++writes;
        if (node.peer.canPropose()) {
            proposeAt(node, write);
        } else if (node.state.role == Role.FOLLOWING || node.state.role == Role.OBSERVING) {
            node.peer.forward(ForwardedRequest.newBuilder().setCxid(write).build());
        }
    }

    private void proposeAt(Node leader, int write) {
        if (!leader.peer.canPropose()) {
            return;
        }
        long zxid = leader.state.nextZxid++;
        Txn txn = Txn.newBuilder().setZxid(zxid).setCxid(write).setSessionId(leader.id)
                .setSetData(SetDataTxn.newBuilder().setPath("/w" + write)).build();
        log("propose " + Zxid.hex(zxid) + " write " + write + " at " + leader.id);
        if (Zxid.counter(zxid) >= counterMax) {
            seen.add("epoch handover");
        }
        leader.peer.propose(txn);
    }

    private void crash(Node node) {
        boolean lose = random.nextBoolean();
        log("crash " + node.id + (lose ? " losing unsynced writes" : ""));
        seen.add(lose ? "crash losing unsynced writes" : "crash");
        node.disk.crash(random, lose);
        node.peer = null;
        node.state = null;
        for (int other : nodes.keySet()) {
            if (other != node.id) {
                dropLink(node.id, other);
                dropLink(other, node.id);
                announceDown(other, node.id);
            }
        }
        votes.removeIf(vote -> (int) vote[1] == node.id);
    }

    private void restart(Node node) {
        log("restart " + node.id);
        node.boot();
    }

    /** Splits the members in two; links across are broken or silently stalled. */
    private void partition() {
        Set<Integer> side = new HashSet<>();
        for (int id : nodes.keySet()) {
            if (random.nextBoolean()) {
                side.add(id);
            }
        }
        boolean stall = random.nextBoolean();
        log("partition " + side + (stall ? " (stalled)" : " (broken)"));
        for (int a : nodes.keySet()) {
            for (int b : nodes.keySet()) {
                if (a != b && side.contains(a) != side.contains(b)) {
                    if (stall) {
                        stalled.add(key(a, b));
                    } else {
                        breakLink(a, b);
                    }
                }
            }
        }
    }

    private void breakLink(int from, int to) {
        log("break " + from + "->" + to);
        dropLink(from, to);
        announceDown(to, from);
        announceDown(from, to);
    }

    private void dropLink(int from, int to) {
        ArrayDeque<Object> link = links.get(key(from, to));
        if (link != null) {
            link.clear();
        }
    }

    /** Tells {@code at} that its link with {@code peer} broke, in order with what it receives from {@code peer}. */
    private void announceDown(int at, int peer) {
        links.computeIfAbsent(key(peer, at), k -> new ArrayDeque<>()).addLast(LINK_DOWN);
    }

    private void onSend(int from, int to, PeerMessage message) {
        if (nodes.get(to) == null || from == to) {
            return;
        }
        if (message.hasVote()) {
            votes.add(new Object[] {from, to, message});
            if (votes.size() > VOTES_IN_FLIGHT_MAX) {
                votes.remove(random.nextInt(votes.size()));
            }
        } else {
            links.computeIfAbsent(key(from, to), k -> new ArrayDeque<>()).addLast(message);
        }
    }

    private static long key(int from, int to) {
        return ((long) from << 32) | to;
    }

    // ---------------------------------------------------------------- invariants

    private void onApplied(Node node, Txn txn) {
        if (node.state != null && node.state.role == Role.LEADING && txn.getSessionId() == node.id) {
            acknowledged.add(txn.getZxid());
        }
    }

    /** Every member's applied sequence is a prefix of one committed sequence; one leader per epoch. */
    private void checkSafety() {
        for (Node node : nodes.values()) {
            if (node.peer == null) {
                continue;
            }
            List<Txn> applied = node.state.applied;
            for (int i = 0; i < applied.size(); i++) {
                if (i < committed.size()) {
                    if (!committed.get(i).equals(applied.get(i))) {
                        throw new AssertionError("node " + node.id + " applied " + Zxid.hex(applied.get(i).getZxid())
                                + " at position " + i + " where another applied " + Zxid.hex(committed.get(i).getZxid()));
                    }
                } else {
                    if (!committed.isEmpty() && applied.get(i).getZxid() <= committed.get(committed.size() - 1).getZxid()) {
                        throw new AssertionError("zxids do not increase at position " + i);
                    }
                    committed.add(applied.get(i));
                }
            }
            ZabPeer.View view = node.peer.view();
            if (view.currentEpoch() > view.acceptedEpoch()) {
                throw new AssertionError("node " + node.id + " follows epoch " + view.currentEpoch()
                        + " but only promised " + view.acceptedEpoch());
            }
            long established = view.establishedEpoch();
            if (established >= 0) {
                Integer other = leaderOfEpoch.putIfAbsent(established, node.id);
                if (other != null && other != node.id) {
                    throw new AssertionError("two leaders established epoch " + established + ": " + other + " and " + node.id);
                }
            }
        }
    }

    private void heal() {
        log("heal: restart everyone, reconnect everything");
        stalled.clear();
        for (Node node : nodes.values()) {
            if (node.peer == null) {
                restart(node);
            }
        }
    }

    /** Runs fault-free until every member serves the same leader with the same state and every ack is in it. */
    private void converge() {
        int budget = 40_000;
        for (int step = 0; step < budget; step++) {
            randomEvent(false);
            checkSafety();
            if (step % 50 == 0 && converged()) {
                return;
            }
        }
        StringBuilder status = new StringBuilder();
        for (Node node : nodes.values()) {
            status.append(" node ").append(node.id).append(": ").append(node.peer.view());
        }
        throw new AssertionError("did not converge after healing;" + status);
    }

    private boolean converged() {
        int leaders = 0;
        long last = -1;
        for (Node node : nodes.values()) {
            Role role = node.state.role;
            if (role == Role.LOOKING) {
                return false;
            }
            leaders += role == Role.LEADING ? 1 : 0;
            long applied = node.state.lastAppliedZxid();
            if (last >= 0 && applied != last) {
                return false;
            }
            last = applied;
        }
        if (leaders != 1 || committed.isEmpty() && !acknowledged.isEmpty()) {
            return false;
        }
        Set<Long> present = new HashSet<>();
        for (Txn txn : committed) {
            present.add(txn.getZxid());
        }
        if (!present.containsAll(acknowledged)) {
            throw new AssertionError("acknowledged writes lost: " + acknowledged.stream().filter(z -> !present.contains(z))
                    .map(Zxid::hex).toList());
        }
        return nodes.values().stream().allMatch(n -> n.state.applied.size() == committed.size());
    }

    private void log(String event) {
        trace.addLast("t=" + now + " " + event);
        if (trace.size() > TRACE_MAX) {
            trace.pollFirst();
        }
    }

    private static String describe(PeerMessage message) {
        return switch (message.getBodyCase()) {
            case PROPOSAL -> "proposal " + Zxid.hex(message.getProposal().getTxn().getZxid());
            case COMMIT -> "commit " + Zxid.hex(message.getCommit().getZxid());
            case ACK -> "ack " + Zxid.hex(message.getAck().getZxid());
            case SYNC_START -> "sync " + message.getSyncStart().getMode() + " " + Zxid.hex(message.getSyncStart().getZxid());
            case NEW_LEADER -> "newLeader epoch " + message.getNewLeader().getEpoch();
            case LEADER_INFO -> "leaderInfo epoch " + message.getLeaderInfo().getNewEpoch();
            case FOLLOWER_INFO -> "followerInfo accepted " + message.getFollowerInfo().getAcceptedEpoch();
            default -> message.getBodyCase().toString().toLowerCase();
        };
    }
}
