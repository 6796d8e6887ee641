package zoolog.protocol.zk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import zoolog.protocol.jute.JuteException;
import zoolog.protocol.jute.JuteReader;
import zoolog.protocol.jute.JuteWriter;

/**
 * Jute layouts of the reply bodies that follow a {@code ReplyHeader} with err 0, in both
 * directions: the server writes them (hot path, so writes go straight into the buffer), Zoolog's
 * own client reads them. A reply carries no type tag, so reading needs the opcode of the request
 * it answers; multi results carry their own type in each {@code MultiHeader}. Stateless.
 */
final class ResponseBodies {

    /** MultiHeader type of an error result (ZooDefs.OpCode.error). */
    private static final int RESULT_ERROR = OpCode.ERROR;

    private ResponseBodies() {}

    static void write(ZkResponse body, JuteWriter w) {
        if (body instanceof ZkResponse.GetData b) {
            w.writeBuffer(b.data());
            w.writeStat(b.stat());
        } else if (body instanceof ZkResponse.StatOnly b) {
            w.writeStat(b.stat());
        } else if (body instanceof ZkResponse.Empty) {
            return;
        } else if (body instanceof ZkResponse.Create b) {
            w.writeString(b.path());
        } else if (body instanceof ZkResponse.Create2 b) {
            w.writeString(b.path());
            w.writeStat(b.stat());
        } else if (body instanceof ZkResponse.GetChildren b) {
            w.writeStringList(b.children());
        } else if (body instanceof ZkResponse.GetChildren2 b) {
            w.writeStringList(b.children());
            w.writeStat(b.stat());
        } else if (body instanceof ZkResponse.Multi b) {
            writeMulti(b, w);
        } else {
            writeRare(body, w);
        }
    }

    private static void writeRare(ZkResponse body, JuteWriter w) {
        if (body instanceof ZkResponse.GetAcl b) {
            w.writeAclList(b.acl());
            w.writeStat(b.stat());
        } else if (body instanceof ZkResponse.Sync b) {
            w.writeString(b.path());
        } else if (body instanceof ZkResponse.ErrorBody b) {
            w.writeInt(b.err());
        } else if (body instanceof ZkResponse.GetEphemerals b) {
            w.writeStringList(b.paths());
        } else if (body instanceof ZkResponse.GetAllChildrenNumber b) {
            w.writeInt(b.totalNumber());
        } else if (body instanceof ZkResponse.WhoAmI b) {
            w.writeIdList(b.clientInfo());
        } else if (body instanceof ZkResponse.Sasl b) {
            w.writeBuffer(b.token());
        } else {
            throw new IllegalArgumentException("no reply layout for " + body);
        }
    }

    /**
     * MultiResponse: per result {@code MultiHeader{type, done=false, err}} + body, then
     * {@code MultiHeader(-1, true, -1)}. Header err is the error code for error results, else 0.
     */
    private static void writeMulti(ZkResponse.Multi multi, JuteWriter w) {
        List<ZkResponse.OpResult> results = multi.results();
        for (int i = 0; i < results.size(); i++) {
            ZkResponse.OpResult result = results.get(i);
            if (result instanceof ZkResponse.OpResult.Error e) {
                writeResultHeader(w, RESULT_ERROR, e.err());
                w.writeInt(e.err());
            } else if (result instanceof ZkResponse.OpResult.Create c) {
                writeResultHeader(w, OpCode.CREATE, 0);
                w.writeString(c.path());
            } else if (result instanceof ZkResponse.OpResult.Create2 c) {
                writeResultHeader(w, OpCode.CREATE2, 0);
                w.writeString(c.path());
                w.writeStat(c.stat());
            } else if (result instanceof ZkResponse.OpResult.Delete) {
                writeResultHeader(w, OpCode.DELETE, 0);
            } else if (result instanceof ZkResponse.OpResult.SetData s) {
                writeResultHeader(w, OpCode.SET_DATA, 0);
                w.writeStat(s.stat());
            } else if (result instanceof ZkResponse.OpResult.Check) {
                writeResultHeader(w, OpCode.CHECK, 0);
            } else if (result instanceof ZkResponse.OpResult.GetData g) {
                writeResultHeader(w, OpCode.GET_DATA, 0);
                w.writeBuffer(g.data());
                w.writeStat(g.stat());
            } else if (result instanceof ZkResponse.OpResult.GetChildren g) {
                writeResultHeader(w, OpCode.GET_CHILDREN, 0);
                w.writeStringList(g.children());
            } else {
                throw new IllegalArgumentException("no multi result layout for " + result);
            }
        }
        w.writeInt(-1);
        w.writeBool(true);
        w.writeInt(-1);
    }

    private static void writeResultHeader(JuteWriter w, int type, int err) {
        w.writeInt(type);
        w.writeBool(false);
        w.writeInt(err);
    }

    /**
     * The body of a successful reply to a request of {@code requestOpCode}. A createContainer reply
     * is read as {@link ZkResponse.Create2} when the Stat is present (ZooKeeper always sends it)
     * and as {@link ZkResponse.Create} when only the path is.
     */
    static ZkResponse read(int requestOpCode, JuteReader r) throws JuteException {
        return switch (requestOpCode) {
            case OpCode.CREATE -> new ZkResponse.Create(r.readString());
            case OpCode.CREATE2, OpCode.CREATE_TTL -> new ZkResponse.Create2(r.readString(), r.readStat());
            case OpCode.CREATE_CONTAINER -> readCreateContainer(r);
            case OpCode.EXISTS, OpCode.SET_DATA, OpCode.SET_ACL -> new ZkResponse.StatOnly(r.readStat());
            case OpCode.GET_DATA, OpCode.RECONFIG -> new ZkResponse.GetData(r.readBuffer(), r.readStat());
            case OpCode.GET_ACL -> new ZkResponse.GetAcl(r.readAclList(), r.readStat());
            case OpCode.GET_CHILDREN -> new ZkResponse.GetChildren(r.readStringList());
            case OpCode.GET_CHILDREN2 -> new ZkResponse.GetChildren2(r.readStringList(), r.readStat());
            case OpCode.SYNC -> new ZkResponse.Sync(r.readString());
            case OpCode.MULTI, OpCode.MULTI_READ -> readMulti(r);
            case OpCode.ADD_WATCH -> new ZkResponse.ErrorBody(r.readInt());
            case OpCode.GET_EPHEMERALS -> new ZkResponse.GetEphemerals(r.readStringList());
            case OpCode.GET_ALL_CHILDREN_NUMBER -> new ZkResponse.GetAllChildrenNumber(r.readInt());
            case OpCode.WHO_AM_I -> new ZkResponse.WhoAmI(r.readIdList());
            case OpCode.SASL -> new ZkResponse.Sasl(r.readBuffer());
            case OpCode.DELETE, OpCode.CHECK, OpCode.CHECK_WATCHES, OpCode.REMOVE_WATCHES,
                    OpCode.SET_WATCHES, OpCode.SET_WATCHES2, OpCode.PING, OpCode.AUTH,
                    OpCode.CLOSE_SESSION -> ZkResponse.Empty.INSTANCE;
            default -> throw new JuteException("no reply layout for opcode " + requestOpCode);
        };
    }

    private static ZkResponse readCreateContainer(JuteReader r) throws JuteException {
        String path = r.readString();
        if (r.remaining() < JuteReader.STAT_BYTES) {
            return new ZkResponse.Create(path);
        }
        return new ZkResponse.Create2(path, r.readStat());
    }

    /** The result count needs no limit of its own: each costs a 9-byte header of the bounded frame. */
    private static ZkResponse.Multi readMulti(JuteReader r) throws JuteException {
        List<ZkResponse.OpResult> results = new ArrayList<>();
        while (true) {
            int type = r.readInt();
            boolean done = r.readBool();
            r.readInt(); // header err: an error result repeats it in its body, which is what clients read
            if (done) {
                return new ZkResponse.Multi(Collections.unmodifiableList(results));
            }
            results.add(readResult(type, r));
        }
    }

    private static ZkResponse.OpResult readResult(int type, JuteReader r) throws JuteException {
        return switch (type) {
            case OpCode.CREATE -> new ZkResponse.OpResult.Create(r.readString());
            case OpCode.CREATE2 -> new ZkResponse.OpResult.Create2(r.readString(), r.readStat());
            case OpCode.DELETE -> new ZkResponse.OpResult.Delete();
            case OpCode.SET_DATA -> new ZkResponse.OpResult.SetData(r.readStat());
            case OpCode.CHECK -> new ZkResponse.OpResult.Check();
            case OpCode.GET_DATA -> new ZkResponse.OpResult.GetData(r.readBuffer(), r.readStat());
            case OpCode.GET_CHILDREN -> new ZkResponse.OpResult.GetChildren(r.readStringList());
            case RESULT_ERROR -> new ZkResponse.OpResult.Error(r.readInt());
            default -> throw new JuteException("unknown multi result type " + type);
        };
    }
}
