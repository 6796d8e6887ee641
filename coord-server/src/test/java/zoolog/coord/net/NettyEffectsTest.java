package zoolog.coord.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import zoolog.coord.core.CoreEffects.NodeWrite;
import zoolog.coord.core.CoreEffects.SessionWrite;
import zoolog.coord.zab.DurableOp;
import zoolog.protocol.txn.Txn;
import zoolog.protocol.zk.ConnectResponse;
import zoolog.protocol.zk.WatcherEvent;
import zoolog.protocol.zk.ZkResponse;

class NettyEffectsTest {

    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final List<Object> stored = new ArrayList<>();
    private final NettyEffects effects = new NettyEffects(registry, new FakeFrameCodec(), new StorePort() {
        @Override
        public void write(long token, DurableOp op) {
            stored.add(token);
            stored.add(op);
        }

        @Override
        public void materialize(long zxid, List<NodeWrite> nodes, List<SessionWrite> sessions) {
            stored.add(zxid);
        }
    });

    @BeforeAll
    static void paranoid() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    private ClientConnection open(EmbeddedChannel channel) {
        return registry.register(channel, 0);
    }

    /** The frames in one outbound buffer as "tag:value" strings; releases it. */
    private static List<String> frames(ByteBuf buffer) {
        List<String> frames = new ArrayList<>();
        while (buffer.isReadable()) {
            assertEquals(5, buffer.readInt());
            frames.add((char) buffer.readByte() + ":" + buffer.readInt());
        }
        buffer.release();
        return frames;
    }

    @Test
    void aBatchToOneConnectionIsOneWriteInCallOrder() {
        EmbeddedChannel channel = new EmbeddedChannel();
        long id = open(channel).connectionId();
        effects.sendConnectResponse(id, new ConnectResponse(0, 30000, 7, new byte[16], false, true));
        effects.sendNotification(id, 3, new WatcherEvent(4, 3, "/a"));
        effects.sendReply(id, 1, 3, 0, ZkResponse.Empty.INSTANCE);
        assertNull(channel.readOutbound(), "nothing leaves before the flush");
        effects.flush();
        assertEquals(List.of("C:7", "N:4", "R:1"), frames(channel.readOutbound()));
        assertNull(channel.readOutbound());
        assertEquals(3, registry.snapshot().packetsSent());
        effects.flush();
        assertNull(channel.readOutbound(), "an empty batch writes nothing");
        channel.finishAndReleaseAll();
    }

    @Test
    void eachConnectionGetsItsOwnFrames() {
        EmbeddedChannel a = new EmbeddedChannel();
        EmbeddedChannel b = new EmbeddedChannel();
        long idA = open(a).connectionId();
        long idB = open(b).connectionId();
        effects.sendReply(idA, 1, 0, 0, ZkResponse.Empty.INSTANCE);
        effects.sendReply(idB, 9, 0, 0, ZkResponse.Empty.INSTANCE);
        effects.sendReply(idA, 2, 0, 0, ZkResponse.Empty.INSTANCE);
        effects.flush();
        assertEquals(List.of("R:1", "R:2"), frames(a.readOutbound()));
        assertEquals(List.of("R:9"), frames(b.readOutbound()));
        a.finishAndReleaseAll();
        b.finishAndReleaseAll();
    }

    @Test
    void closeHappensAfterTheWritesBeforeItAndDropsLaterOnes() {
        EmbeddedChannel channel = new EmbeddedChannel();
        long id = open(channel).connectionId();
        effects.sendReply(id, 1, 0, -6, null);
        effects.closeConnection(id);
        effects.sendReply(id, 2, 0, 0, ZkResponse.Empty.INSTANCE);
        assertTrue(channel.isOpen());
        effects.flush();
        assertEquals(List.of("R:1"), frames(channel.readOutbound()));
        assertFalse(channel.isOpen());
        assertNull(registry.get(id), "a closed connection leaves the registry");
    }

    @Test
    void closeWithoutPendingWritesStillCloses() {
        EmbeddedChannel channel = new EmbeddedChannel();
        long id = open(channel).connectionId();
        effects.closeConnection(id);
        effects.flush();
        assertFalse(channel.isOpen());
        channel.finishAndReleaseAll();
    }

    @Test
    void framesForAGoneConnectionAreDropped() {
        EmbeddedChannel channel = new EmbeddedChannel();
        long id = open(channel).connectionId();
        channel.close();
        effects.sendReply(id, 1, 0, 0, ZkResponse.Empty.INSTANCE);
        effects.closeConnection(id);
        effects.flush();
        assertNull(channel.readOutbound());
        assertEquals(0, registry.snapshot().packetsSent());
    }

    @Test
    void aLargeBatchIsHandedOverBeforeTheFlush() {
        EmbeddedChannel channel = new EmbeddedChannel();
        long id = open(channel).connectionId();
        ZkResponse large = new ZkResponse.GetData(new byte[64 * 1024 - 9], null);
        int framesUntilHandOver = NettyEffects.PENDING_BYTES_MAX / (64 * 1024);
        for (int xid = 0; xid < framesUntilHandOver; xid++) {
            assertNull(channel.readOutbound(), "still below the pending limit");
            effects.sendReply(id, xid, 0, 0, large);
        }
        ByteBuf early = channel.readOutbound();
        assertEquals(NettyEffects.PENDING_BYTES_MAX, early.readableBytes());
        early.release();
        effects.sendReply(id, -1, 0, 0, ZkResponse.Empty.INSTANCE);
        effects.flush();
        assertEquals(List.of("R:-1"), frames(channel.readOutbound()));
        channel.finishAndReleaseAll();
    }

    @Test
    void persistenceIsForwardedInCallOrder() {
        DurableOp op = new DurableOp.AppendTxn(Txn.newBuilder().setZxid(5).build());
        effects.persist(9, op);
        effects.materialize(5, List.of(), List.of());
        assertEquals(List.of(9L, op, 5L), stored);
    }
}
