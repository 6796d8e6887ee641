package zoolog.coord.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import zoolog.protocol.zk.Acl;
import zoolog.protocol.zk.CreateMode;
import zoolog.protocol.zk.OpCode;
import zoolog.protocol.zk.ZkRequest;
import zoolog.protocol.zk.ZkResponse;

/**
 * Model-based property: random sequences of creates (all plain and sequential modes), versioned
 * sets and deletes, multis, session closes and session expiries, partly pipelined before the store acknowledges
 * them, give the same results and the same final tree in the core as in {@link TreeModel}.
 */
class DataTreeModelTest {

    private static final int SLOTS = 3;
    private static final List<String> PATHS = List.of("/a", "/b", "/a/x", "/a/y", "/b/x", "/a/x/z");

    sealed interface Op {}

    record Create(int slot, String path, int mode, String data) implements Op {}

    record SetData(int slot, String path, String data, int version) implements Op {}

    record Delete(int slot, String path, int version) implements Op {}

    record Multi(int slot, List<Op> ops) implements Op {}

    record CloseSession(int slot) implements Op {}

    /** The slot's client vanishes; the others keep pinging until the server expires its session. */
    record ExpireSession(int slot) implements Op {}

    /** Everything sent so far is made durable before the next op. */
    record Persist() implements Op {}

    @Provide
    Arbitrary<List<Op>> histories() {
        Arbitrary<Integer> slot = Arbitraries.integers().between(0, SLOTS - 1);
        Arbitrary<String> path = Arbitraries.of(PATHS);
        Arbitrary<Integer> version = Arbitraries.integers().between(-1, 2);
        Arbitrary<String> data = Arbitraries.strings().alpha().ofMaxLength(3);
        Arbitrary<Op> create = Combinators.combine(slot, path, Arbitraries.integers().between(0, 3), data).as(Create::new);
        Arbitrary<Op> set = Combinators.combine(slot, path, data, version).as(SetData::new);
        Arbitrary<Op> delete = Combinators.combine(slot, path, version).as(Delete::new);
        Arbitrary<Op> simple = Arbitraries.oneOf(create, set, delete);
        Arbitrary<Op> multi = Combinators.combine(slot, simple.list().ofMinSize(1).ofMaxSize(3)).as(Multi::new);
        Arbitrary<Op> close = slot.map(CloseSession::new);
        Arbitrary<Op> expire = slot.map(ExpireSession::new);
        Arbitrary<Op> persist = Arbitraries.just(new Persist());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, create), net.jqwik.api.Tuple.of(3, set), net.jqwik.api.Tuple.of(3, delete),
                net.jqwik.api.Tuple.of(2, multi), net.jqwik.api.Tuple.of(1, close), net.jqwik.api.Tuple.of(1, expire),
                net.jqwik.api.Tuple.of(3, persist))
                .list().ofMaxSize(40);
    }

    @Property(tries = 300)
    void coreMatchesReferenceModel(@ForAll("histories") List<Op> history) {
        CoreHarness h = new CoreHarness();
        TreeModel model = new TreeModel();
        long[] connections = new long[SLOTS];
        long nextConnection = 1;
        for (int s = 0; s < SLOTS; s++) {
            connections[s] = nextConnection;
            h.connect(nextConnection++);
        }
        List<int[]> sent = new ArrayList<>();
        List<List<TreeModel.Result>> expected = new ArrayList<>();
        for (Op op : history) {
            if (op instanceof Persist) {
                h.persistAll();
            } else if (op instanceof CloseSession c) {
                h.call(connections[c.slot], new ZkRequest.CloseSession());
                model.closeSession(c.slot);
                connections[c.slot] = nextConnection;
                h.connect(nextConnection++);
            } else if (op instanceof ExpireSession e) {
                h.persistAll();
                h.step(new CoreInput.Disconnected(connections[e.slot]));
                long[] others = new long[SLOTS - 1];
                for (int s = 0, i = 0; s < SLOTS; s++) {
                    if (s != e.slot) {
                        others[i++] = connections[s];
                    }
                }
                h.advanceKeepingAlive(2 * CoreHarness.SESSION_TIMEOUT_MILLIS, others);
                model.closeSession(e.slot);
                connections[e.slot] = nextConnection;
                h.connect(nextConnection++);
            } else {
                int slot = slotOf(op);
                int xid = h.send(connections[slot], toRequest(op));
                sent.add(new int[] {(int) connections[slot], xid});
                expected.add(applyToModel(model, op, slot));
            }
        }
        h.persistAll();
        for (int i = 0; i < sent.size(); i++) {
            CoreHarness.Reply reply = h.replyTo(sent.get(i)[0], sent.get(i)[1]);
            assertNotNull(reply, "reply " + i);
            assertEquals(expected.get(i), actualResults(reply), "results of op " + i);
        }
        compareTrees(h, connections[0], model);
    }

    private static int slotOf(Op op) {
        if (op instanceof Create c) {
            return c.slot;
        } else if (op instanceof SetData s) {
            return s.slot;
        } else if (op instanceof Delete d) {
            return d.slot;
        }
        return ((Multi) op).slot;
    }

    private static ZkRequest toRequest(Op op) {
        if (op instanceof Create c) {
            return new ZkRequest.Create(OpCode.CREATE, c.path, c.data.getBytes(StandardCharsets.UTF_8),
                    Acl.OPEN_ACL_UNSAFE, CreateMode.values()[c.mode].flag(), -1);
        } else if (op instanceof SetData s) {
            return new ZkRequest.SetData(s.path, s.data.getBytes(StandardCharsets.UTF_8), s.version);
        } else if (op instanceof Delete d) {
            return new ZkRequest.Delete(d.path, d.version);
        }
        List<ZkRequest> ops = new ArrayList<>();
        for (Op inner : ((Multi) op).ops) {
            ops.add(toRequest(inner));
        }
        return new ZkRequest.Multi(OpCode.MULTI, ops);
    }

    private static List<TreeModel.Result> applyToModel(TreeModel model, Op op, int slot) {
        if (op instanceof Multi m) {
            TreeModel scratch = model.copy();
            List<TreeModel.Result> results = new ArrayList<>();
            int failedAt = -1;
            for (Op inner : m.ops) {
                TreeModel.Result r = applyOne(scratch, inner, slot);
                results.add(r);
                if (r.err() != 0) {
                    failedAt = results.size() - 1;
                    break;
                }
            }
            if (failedAt < 0) {
                model.nodes = scratch.nodes;
                return results;
            }
            List<TreeModel.Result> failed = new ArrayList<>();
            for (int i = 0; i < m.ops.size(); i++) {
                int err = i < failedAt ? 0 : i == failedAt ? results.get(failedAt).err() : -2;
                failed.add(new TreeModel.Result(err, null));
            }
            return failed;
        }
        return List.of(applyOne(model, op, slot));
    }

    private static TreeModel.Result applyOne(TreeModel model, Op op, int slot) {
        if (op instanceof Create c) {
            CreateMode mode = CreateMode.values()[c.mode];
            return model.create(c.path, c.data, mode.isEphemeral(), mode.isSequential(), slot);
        } else if (op instanceof SetData s) {
            return model.setData(s.path, s.data, s.version);
        }
        Delete d = (Delete) op;
        return model.delete(d.path, d.version);
    }

    private static List<TreeModel.Result> actualResults(CoreHarness.Reply reply) {
        if (reply.body() instanceof ZkResponse.Multi multi) {
            List<TreeModel.Result> results = new ArrayList<>();
            for (ZkResponse.OpResult r : multi.results()) {
                results.add(r instanceof ZkResponse.OpResult.Error e ? new TreeModel.Result(e.err(), null)
                        : r instanceof ZkResponse.OpResult.Create c ? new TreeModel.Result(0, c.path())
                        : new TreeModel.Result(0, null));
            }
            return results;
        }
        String path = reply.body() instanceof ZkResponse.Create c ? c.path() : null;
        return List.of(new TreeModel.Result(reply.err(), path));
    }

    private static void compareTrees(CoreHarness h, long connection, TreeModel model) {
        List<String> stack = new ArrayList<>(List.of("/"));
        int visited = 0;
        while (!stack.isEmpty()) {
            String path = stack.remove(stack.size() - 1);
            TreeModel.Node expected = model.nodes.get(path);
            assertNotNull(expected, "unexpected node " + path);
            CoreHarness.Reply children = h.call(connection, new ZkRequest.GetChildren(OpCode.GET_CHILDREN2, path, false));
            ZkResponse.GetChildren2 body = (ZkResponse.GetChildren2) children.body();
            assertEquals(expected.children, new TreeSet<>(body.children()), "children of " + path);
            assertEquals(expected.storedCversion * 2 - expected.children.size(), body.stat().cversion(), "cversion of " + path);
            if (!path.startsWith("/zookeeper") && !path.equals("/")) {
                ZkResponse.GetData data = (ZkResponse.GetData) h.call(connection, new ZkRequest.GetData(path, false)).body();
                assertEquals(expected.data, new String(data.data(), StandardCharsets.UTF_8), "data of " + path);
                assertEquals(expected.version, data.stat().version(), "version of " + path);
            }
            visited++;
            for (String child : body.children()) {
                stack.add(path.equals("/") ? "/" + child : path + "/" + child);
            }
        }
        assertEquals(model.nodes.size(), visited, "node count");
    }
}
