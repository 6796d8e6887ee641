package zoolog.protocol.zk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import zoolog.protocol.jute.JuteException;
import zoolog.protocol.jute.JuteReader;
import zoolog.protocol.jute.JuteWriter;

/**
 * Jute layouts of the request bodies that follow a {@code RequestHeader}, in both directions: the
 * server reads them, Zoolog's own client writes them. One method pair per record of
 * {@code zookeeper.jute}; {@link ZkCodec} adds the framing and headers. Stateless.
 */
final class RequestBodies {

    private RequestBodies() {}

    /**
     * The body of a top-level request, or null when {@code opCode} is not one a client may send
     * on its own (unknown, internal like createSession/deleteContainer, or check outside multi) —
     * ZooKeeper answers all of those with UNIMPLEMENTED ({@code Request.isValid}).
     */
    static ZkRequest read(int opCode, JuteReader r) throws JuteException {
        return switch (opCode) {
            case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL -> readCreate(opCode, r);
            case OpCode.DELETE -> new ZkRequest.Delete(r.readString(), r.readInt());
            case OpCode.EXISTS -> new ZkRequest.Exists(r.readString(), r.readBool());
            case OpCode.GET_DATA -> new ZkRequest.GetData(r.readString(), r.readBool());
            case OpCode.SET_DATA -> new ZkRequest.SetData(r.readString(), r.readBuffer(), r.readInt());
            case OpCode.GET_ACL -> new ZkRequest.GetAcl(r.readString());
            case OpCode.SET_ACL -> new ZkRequest.SetAcl(r.readString(), r.readAclList(), r.readInt());
            case OpCode.GET_CHILDREN, OpCode.GET_CHILDREN2 ->
                    new ZkRequest.GetChildren(opCode, r.readString(), r.readBool());
            case OpCode.SYNC -> new ZkRequest.Sync(r.readString());
            case OpCode.MULTI, OpCode.MULTI_READ -> readMulti(opCode, r);
            case OpCode.RECONFIG ->
                    new ZkRequest.Reconfig(r.readString(), r.readString(), r.readString(), r.readLong());
            case OpCode.CHECK_WATCHES, OpCode.REMOVE_WATCHES ->
                    new ZkRequest.RemoveWatches(opCode, r.readString(), r.readInt());
            case OpCode.SET_WATCHES, OpCode.SET_WATCHES2 -> readSetWatches(opCode, r);
            case OpCode.ADD_WATCH -> new ZkRequest.AddWatch(r.readString(), r.readInt());
            case OpCode.GET_EPHEMERALS -> new ZkRequest.GetEphemerals(r.readString());
            case OpCode.GET_ALL_CHILDREN_NUMBER -> new ZkRequest.GetAllChildrenNumber(r.readString());
            case OpCode.WHO_AM_I -> new ZkRequest.WhoAmI();
            case OpCode.CLOSE_SESSION -> new ZkRequest.CloseSession();
            case OpCode.PING -> new ZkRequest.Ping();
            case OpCode.AUTH -> new ZkRequest.Auth(r.readInt(), r.readString(), r.readBuffer());
            case OpCode.SASL -> new ZkRequest.Sasl(r.readBuffer());
            default -> null;
        };
    }

    /** Whether an op of {@code opType} may appear inside a multi(14) or multiRead(22). */
    static boolean allowedInMulti(int multiOpCode, int opType) {
        if (multiOpCode == OpCode.MULTI_READ) {
            return opType == OpCode.GET_DATA || opType == OpCode.GET_CHILDREN;
        }
        return switch (opType) {
            case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL,
                    OpCode.DELETE, OpCode.SET_DATA, OpCode.CHECK -> true;
            default -> false;
        };
    }

    /** CreateRequest {path, data, acl, flags}; CreateTTLRequest adds a trailing {@code long ttl}. */
    private static ZkRequest.Create readCreate(int opCode, JuteReader r) throws JuteException {
        String path = r.readString();
        byte[] data = r.readBuffer();
        List<Acl> acl = r.readAclList();
        int flags = r.readInt();
        long ttl = opCode == OpCode.CREATE_TTL ? r.readLong() : -1;
        return new ZkRequest.Create(opCode, path, data, acl, flags, ttl);
    }

    /**
     * MultiOperationRecord: {@code MultiHeader{type, done, err}} + op record per op, ended by a
     * header with done set. The op count needs no limit of its own: every op costs at least a
     * 9-byte header, so the frame limit bounds it.
     */
    private static ZkRequest.Multi readMulti(int opCode, JuteReader r) throws JuteException {
        List<ZkRequest> ops = new ArrayList<>();
        while (true) {
            int type = r.readInt();
            boolean done = r.readBool();
            r.readInt(); // err: clients always send -1 and servers ignore it
            if (done) {
                return new ZkRequest.Multi(opCode, Collections.unmodifiableList(ops));
            }
            if (!allowedInMulti(opCode, type)) {
                throw new JuteException("op type " + type + " is not allowed in " + OpCode.name(opCode)
                        + " (op " + ops.size() + ")");
            }
            ops.add(readOp(type, r));
        }
    }

    private static ZkRequest readOp(int type, JuteReader r) throws JuteException {
        return switch (type) {
            case OpCode.CHECK -> new ZkRequest.Check(r.readString(), r.readInt());
            case OpCode.GET_CHILDREN -> new ZkRequest.GetChildren(type, r.readString(), r.readBool());
            default -> read(type, r);
        };
    }

    private static ZkRequest.SetWatches readSetWatches(int opCode, JuteReader r) throws JuteException {
        long relativeZxid = r.readLong();
        List<String> data = r.readStringList();
        List<String> exist = r.readStringList();
        List<String> child = r.readStringList();
        if (opCode == OpCode.SET_WATCHES) {
            return new ZkRequest.SetWatches(opCode, relativeZxid, data, exist, child, List.of(), List.of());
        }
        List<String> persistent = r.readStringList();
        List<String> persistentRecursive = r.readStringList();
        return new ZkRequest.SetWatches(opCode, relativeZxid, data, exist, child, persistent, persistentRecursive);
    }

    /**
     * Writes the body of {@code request} (no header). Throws IllegalArgumentException for a record
     * whose opcode field names a different layout, or a multi holding an op it may not hold: those
     * are bugs in the caller, not wire conditions.
     */
    static void write(ZkRequest request, JuteWriter w) {
        if (request instanceof ZkRequest.GetData q) {
            w.writeString(q.path());
            w.writeBool(q.watch());
        } else if (request instanceof ZkRequest.SetData q) {
            w.writeString(q.path());
            w.writeBuffer(q.data());
            w.writeInt(q.version());
        } else if (request instanceof ZkRequest.Create q) {
            writeCreate(q, w);
        } else if (request instanceof ZkRequest.Exists q) {
            w.writeString(q.path());
            w.writeBool(q.watch());
        } else if (request instanceof ZkRequest.GetChildren q) {
            requireOpCode(q, OpCode.GET_CHILDREN, OpCode.GET_CHILDREN2);
            w.writeString(q.path());
            w.writeBool(q.watch());
        } else if (request instanceof ZkRequest.Delete q) {
            w.writeString(q.path());
            w.writeInt(q.version());
        } else if (request instanceof ZkRequest.Check q) {
            w.writeString(q.path());
            w.writeInt(q.version());
        } else if (request instanceof ZkRequest.Multi q) {
            writeMulti(q, w);
        } else {
            writeRare(request, w);
        }
    }

    private static void writeRare(ZkRequest request, JuteWriter w) {
        if (request instanceof ZkRequest.GetAcl q) {
            w.writeString(q.path());
        } else if (request instanceof ZkRequest.SetAcl q) {
            w.writeString(q.path());
            w.writeAclList(q.acl());
            w.writeInt(q.version());
        } else if (request instanceof ZkRequest.Sync q) {
            w.writeString(q.path());
        } else if (request instanceof ZkRequest.Reconfig q) {
            w.writeString(q.joiningServers());
            w.writeString(q.leavingServers());
            w.writeString(q.newMembers());
            w.writeLong(q.curConfigId());
        } else if (request instanceof ZkRequest.RemoveWatches q) {
            requireOpCode(q, OpCode.CHECK_WATCHES, OpCode.REMOVE_WATCHES);
            w.writeString(q.path());
            w.writeInt(q.watcherType());
        } else if (request instanceof ZkRequest.SetWatches q) {
            writeSetWatches(q, w);
        } else if (request instanceof ZkRequest.AddWatch q) {
            w.writeString(q.path());
            w.writeInt(q.mode());
        } else if (request instanceof ZkRequest.GetEphemerals q) {
            w.writeString(q.prefixPath());
        } else if (request instanceof ZkRequest.GetAllChildrenNumber q) {
            w.writeString(q.path());
        } else if (request instanceof ZkRequest.Auth q) {
            w.writeInt(q.type());
            w.writeString(q.scheme());
            w.writeBuffer(q.auth());
        } else if (request instanceof ZkRequest.Sasl q) {
            w.writeBuffer(q.token());
        } else if (!(request instanceof ZkRequest.WhoAmI
                || request instanceof ZkRequest.CloseSession
                || request instanceof ZkRequest.Ping)) {
            throw new IllegalArgumentException("no request layout for " + request);
        }
    }

    private static void writeCreate(ZkRequest.Create q, JuteWriter w) {
        requireOpCode(q, OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL);
        w.writeString(q.path());
        w.writeBuffer(q.data());
        w.writeAclList(q.acl());
        w.writeInt(q.flags());
        if (q.opCode() == OpCode.CREATE_TTL) {
            w.writeLong(q.ttl());
        }
    }

    private static void writeMulti(ZkRequest.Multi q, JuteWriter w) {
        requireOpCode(q, OpCode.MULTI, OpCode.MULTI_READ);
        for (ZkRequest op : q.ops()) {
            if (!allowedInMulti(q.opCode(), op.opCode())) {
                throw new IllegalArgumentException(OpCode.name(op.opCode()) + " op is not allowed in "
                        + OpCode.name(q.opCode()));
            }
            w.writeInt(op.opCode());
            w.writeBool(false);
            w.writeInt(-1);
            write(op, w);
        }
        w.writeInt(-1);
        w.writeBool(true);
        w.writeInt(-1);
    }

    /** setWatches(101) carries three lists; setWatches2(105) adds the two persistent ones. */
    private static void writeSetWatches(ZkRequest.SetWatches q, JuteWriter w) {
        requireOpCode(q, OpCode.SET_WATCHES, OpCode.SET_WATCHES2);
        if (q.opCode() == OpCode.SET_WATCHES
                && !(isEmpty(q.persistentWatches()) && isEmpty(q.persistentRecursiveWatches()))) {
            throw new IllegalArgumentException("setWatches(101) cannot carry persistent watches; use setWatches2");
        }
        w.writeLong(q.relativeZxid());
        w.writeStringList(q.dataWatches());
        w.writeStringList(q.existWatches());
        w.writeStringList(q.childWatches());
        if (q.opCode() == OpCode.SET_WATCHES2) {
            w.writeStringList(q.persistentWatches());
            w.writeStringList(q.persistentRecursiveWatches());
        }
    }

    private static boolean isEmpty(List<String> list) {
        return list == null || list.isEmpty();
    }

    private static void requireOpCode(ZkRequest request, int... allowed) {
        for (int opCode : allowed) {
            if (request.opCode() == opCode) {
                return;
            }
        }
        throw new IllegalArgumentException("opcode " + request.opCode() + " does not match " + request);
    }
}
