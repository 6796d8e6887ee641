package zoolog.coord.node;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import zoolog.coord.config.CoordConfig;
import zoolog.coord.config.ServerSpec;
import zoolog.coord.core.CoordCore;
import zoolog.coord.core.CoreInput;
import zoolog.coord.net.StorePort;
import zoolog.coord.net.peer.PeerAddresses;
import zoolog.coord.net.peer.PeerInbox;
import zoolog.coord.net.peer.PeerNetwork;
import zoolog.coord.store.CoordStore;
import zoolog.coord.store.StoredEpochs;
import zoolog.coord.zab.DurableOp;
import zoolog.coord.zab.ZabEffects;
import zoolog.coord.zab.ZabPeer;
import zoolog.coord.zab.ZabSettings;
import zoolog.coord.zab.Zxid;
import zoolog.protocol.peer.PeerMessage;
import zoolog.protocol.txn.Txn;

/**
 * The replicated half of a node: the {@link ZabPeer} inside the core and the {@link PeerNetwork}
 * that carries its messages ({@code coord-peer-accept}, {@code coord-peer-io} threads). Peer
 * messages and broken links become core inputs; the peer's durable writes go to the same store
 * queue as everything else, so "logged" and "acked" keep their order.
 */
final class EnsembleMember implements AutoCloseable {

    /**
     * How often the core ticks in an ensemble. Election resends votes and settles on ticks, so
     * they come far more often than tickTime (whose limits ZAB still counts in milliseconds).
     */
    static final long TICK_INTERVAL_MILLIS = 50;
    /**
     * Committed transactions a leader keeps for DIFF sync, unless the JVM property ZooKeeper
     * uses for the same thing, {@code zookeeper.commitLogCount} (default 500 there), says otherwise.
     */
    static final int HISTORY_WINDOW_MAX = 10_000;
    static final String HISTORY_WINDOW_PROPERTY = "zookeeper.commitLogCount";
    /** Znodes per snapshot message: with 1 MiB nodes at most, a frame stays far under the peer limit. */
    static final int SNAPSHOT_CHUNK_NODES_MAX = 50;
    /** Room left in the zxid counter so writes prepared before a hand-over still fit the epoch. */
    static final long COUNTER_MARGIN = 1_000_000;
    /** ZooKeeper's finalizeWait: after a quorum agrees, wait this long for a better vote. */
    static final int FINALIZE_WAIT_MILLIS = 200;

    private final PeerNetwork network;
    private final ZabPeer zab;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;

    private EnsembleMember(PeerNetwork network, ZabPeer zab, EventLoopGroup acceptGroup, EventLoopGroup ioGroup) {
        this.network = network;
        this.zab = zab;
        this.acceptGroup = acceptGroup;
        this.ioGroup = ioGroup;
    }

    /**
     * Builds the peer for {@code core}, whose state is the materialised tree; {@code unapplied}
     * is the logged tail after it, which only the ensemble can say is committed.
     */
    static EnsembleMember create(CoordConfig config, CoordCore core, CoordStore store, StorePort storePort,
                                 List<Txn> unapplied, Supplier<CoreLoop> loop, Consumer<String> fatal) throws Exception {
        int myId = config.myid().orElseThrow();
        Set<Integer> voters = new HashSet<>();
        Set<Integer> observers = new HashSet<>();
        Map<Integer, PeerAddresses> addresses = new HashMap<>();
        for (ServerSpec spec : config.servers()) {
            (spec.observer() ? observers : voters).add(spec.id());
            addresses.put(spec.id(), PeerAddresses.from(spec));
        }
        ZabSettings settings = new ZabSettings(myId, voters, observers, config.tickTimeMillis(), config.initLimitTicks(),
                config.syncLimitTicks(), Integer.getInteger(HISTORY_WINDOW_PROPERTY, HISTORY_WINDOW_MAX), SNAPSHOT_CHUNK_NODES_MAX, Zxid.COUNTER_MAX - COUNTER_MARGIN,
                FINALIZE_WAIT_MILLIS);
        StoredEpochs epochs = store.epochs();
        ZabPeer.Recovered recovered = new ZabPeer.Recovered(epochs.acceptedEpoch(), epochs.currentEpoch(),
                epochs.ensembleId(), store.materializedZxid(), unapplied);
        EventLoopGroup acceptGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("coord-peer-accept"));
        EventLoopGroup ioGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("coord-peer-io"));
        PeerNetwork network = new PeerNetwork(myId, addresses, acceptGroup, ioGroup, new PeerInbox() {
            @Override
            public void message(int fromSid, PeerMessage message) {
                loop.get().submit(new CoreInput.FromPeer(fromSid, message));
            }

            @Override
            public void peerDown(int sid) {
                loop.get().submit(new CoreInput.PeerDown(sid));
            }
        });
        ZabPeer zab = new ZabPeer(settings, recovered, core.replica(), new ZabEffects() {
            @Override
            public void send(int sid, PeerMessage message) {
                network.send(sid, message);
            }

            @Override
            public void persist(long token, DurableOp op) {
                storePort.write(token, op);
            }

            @Override
            public void fatal(String reason) {
                fatal.accept(reason);
            }
        }, new SecureRandom());
        core.joinEnsemble(zab);
        return new EnsembleMember(network, zab, acceptGroup, ioGroup);
    }

    /** Binds the peer ports and starts looking for a leader; call before the core loop runs. */
    void start(long nowMillis) throws IOException, InterruptedException {
        network.start();
        zab.start(nowMillis);
    }

    @Override
    public void close() {
        network.close();
        acceptGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
