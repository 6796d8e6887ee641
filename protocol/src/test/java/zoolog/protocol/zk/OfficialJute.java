package zoolog.protocol.zk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.InputArchive;
import org.apache.jute.OutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.MultiResponse;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.ClientInfo;
import org.apache.zookeeper.proto.AddWatchRequest;
import org.apache.zookeeper.proto.AuthPacket;
import org.apache.zookeeper.proto.CheckVersionRequest;
import org.apache.zookeeper.proto.CheckWatchesRequest;
import org.apache.zookeeper.proto.Create2Response;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.CreateResponse;
import org.apache.zookeeper.proto.CreateTTLRequest;
import org.apache.zookeeper.proto.DeleteRequest;
import org.apache.zookeeper.proto.ErrorResponse;
import org.apache.zookeeper.proto.ExistsRequest;
import org.apache.zookeeper.proto.GetACLRequest;
import org.apache.zookeeper.proto.GetACLResponse;
import org.apache.zookeeper.proto.GetAllChildrenNumberRequest;
import org.apache.zookeeper.proto.GetAllChildrenNumberResponse;
import org.apache.zookeeper.proto.GetChildren2Request;
import org.apache.zookeeper.proto.GetChildren2Response;
import org.apache.zookeeper.proto.GetChildrenRequest;
import org.apache.zookeeper.proto.GetChildrenResponse;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.GetDataResponse;
import org.apache.zookeeper.proto.GetEphemeralsRequest;
import org.apache.zookeeper.proto.GetEphemeralsResponse;
import org.apache.zookeeper.proto.GetSASLRequest;
import org.apache.zookeeper.proto.MultiHeader;
import org.apache.zookeeper.proto.ReconfigRequest;
import org.apache.zookeeper.proto.RemoveWatchesRequest;
import org.apache.zookeeper.proto.SetACLRequest;
import org.apache.zookeeper.proto.SetDataRequest;
import org.apache.zookeeper.proto.SetDataResponse;
import org.apache.zookeeper.proto.SetSASLResponse;
import org.apache.zookeeper.proto.SetWatches;
import org.apache.zookeeper.proto.SetWatches2;
import org.apache.zookeeper.proto.SyncRequest;
import org.apache.zookeeper.proto.SyncResponse;
import org.apache.zookeeper.proto.WhoAmIResponse;

/**
 * Converts Zoolog's protocol records into Apache ZooKeeper's own jute records and serializes them
 * with Apache's {@link BinaryOutputArchive}, so tests can compare our bytes with the official ones.
 */
final class OfficialJute {

    private OfficialJute() {}

    /** The records serialized back to back; null entries (bodiless messages) are skipped. */
    static byte[] serialize(Record... records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryOutputArchive archive = BinaryOutputArchive.getArchive(bytes);
        try {
            for (Record record : records) {
                if (record != null) {
                    record.serialize(archive, "record");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static org.apache.zookeeper.data.Stat stat(Stat s) {
        return new org.apache.zookeeper.data.Stat(s.czxid(), s.mzxid(), s.ctime(), s.mtime(), s.version(),
                s.cversion(), s.aversion(), s.ephemeralOwner(), s.dataLength(), s.numChildren(), s.pzxid());
    }

    static Stat stat(org.apache.zookeeper.data.Stat s) {
        return new Stat(s.getCzxid(), s.getMzxid(), s.getCtime(), s.getMtime(), s.getVersion(), s.getCversion(),
                s.getAversion(), s.getEphemeralOwner(), s.getDataLength(), s.getNumChildren(), s.getPzxid());
    }

    static List<ACL> acls(List<Acl> acls) {
        List<ACL> list = new ArrayList<>();
        for (Acl acl : acls) {
            list.add(new ACL(acl.perms(), new org.apache.zookeeper.data.Id(acl.id().scheme(), acl.id().id())));
        }
        return list;
    }

    /** The official body record of a request, or null for header-only requests. */
    static Record request(ZkRequest request) {
        if (request instanceof ZkRequest.Create q) {
            return q.opCode() == OpCode.CREATE_TTL
                    ? new CreateTTLRequest(q.path(), q.data(), acls(q.acl()), q.flags(), q.ttl())
                    : new CreateRequest(q.path(), q.data(), acls(q.acl()), q.flags());
        } else if (request instanceof ZkRequest.Delete q) {
            return new DeleteRequest(q.path(), q.version());
        } else if (request instanceof ZkRequest.Exists q) {
            return new ExistsRequest(q.path(), q.watch());
        } else if (request instanceof ZkRequest.GetData q) {
            return new GetDataRequest(q.path(), q.watch());
        } else if (request instanceof ZkRequest.SetData q) {
            return new SetDataRequest(q.path(), q.data(), q.version());
        } else if (request instanceof ZkRequest.GetAcl q) {
            return new GetACLRequest(q.path());
        } else if (request instanceof ZkRequest.SetAcl q) {
            return new SetACLRequest(q.path(), acls(q.acl()), q.version());
        } else if (request instanceof ZkRequest.GetChildren q) {
            return q.opCode() == OpCode.GET_CHILDREN
                    ? new GetChildrenRequest(q.path(), q.watch())
                    : new GetChildren2Request(q.path(), q.watch());
        } else if (request instanceof ZkRequest.Sync q) {
            return new SyncRequest(q.path());
        } else if (request instanceof ZkRequest.Check q) {
            return new CheckVersionRequest(q.path(), q.version());
        } else if (request instanceof ZkRequest.Multi q) {
            return multiRequest(q);
        } else if (request instanceof ZkRequest.Reconfig q) {
            return new ReconfigRequest(q.joiningServers(), q.leavingServers(), q.newMembers(), q.curConfigId());
        } else if (request instanceof ZkRequest.RemoveWatches q) {
            return q.opCode() == OpCode.CHECK_WATCHES
                    ? new CheckWatchesRequest(q.path(), q.watcherType())
                    : new RemoveWatchesRequest(q.path(), q.watcherType());
        } else if (request instanceof ZkRequest.SetWatches q) {
            return q.opCode() == OpCode.SET_WATCHES
                    ? new SetWatches(q.relativeZxid(), q.dataWatches(), q.existWatches(), q.childWatches())
                    : new SetWatches2(q.relativeZxid(), q.dataWatches(), q.existWatches(), q.childWatches(),
                            q.persistentWatches(), q.persistentRecursiveWatches());
        } else if (request instanceof ZkRequest.AddWatch q) {
            return new AddWatchRequest(q.path(), q.mode());
        } else if (request instanceof ZkRequest.GetEphemerals q) {
            return new GetEphemeralsRequest(q.prefixPath());
        } else if (request instanceof ZkRequest.GetAllChildrenNumber q) {
            return new GetAllChildrenNumberRequest(q.path());
        } else if (request instanceof ZkRequest.Auth q) {
            return new AuthPacket(q.type(), q.scheme(), q.auth());
        } else if (request instanceof ZkRequest.Sasl q) {
            return new GetSASLRequest(q.token());
        }
        return null;
    }

    /**
     * MultiOperationRecord's layout built from official MultiHeaders and op records, so any opcode
     * can be expressed (Apache's {@code Op} factories derive the opcode from the create mode).
     */
    private static Record multiRequest(ZkRequest.Multi multi) {
        return new WriteOnlyRecord() {
            @Override
            public void serialize(OutputArchive archive, String tag) throws IOException {
                for (ZkRequest op : multi.ops()) {
                    new MultiHeader(op.opCode(), false, -1).serialize(archive, tag);
                    request(op).serialize(archive, tag);
                }
                new MultiHeader(-1, true, -1).serialize(archive, tag);
            }
        };
    }

    /** The official body record of a reply, or null for an empty body. */
    static Record response(ZkResponse body) {
        if (body instanceof ZkResponse.Create b) {
            return new CreateResponse(b.path());
        } else if (body instanceof ZkResponse.Create2 b) {
            return new Create2Response(b.path(), stat(b.stat()));
        } else if (body instanceof ZkResponse.StatOnly b) {
            return new SetDataResponse(stat(b.stat()));
        } else if (body instanceof ZkResponse.GetData b) {
            return new GetDataResponse(b.data(), stat(b.stat()));
        } else if (body instanceof ZkResponse.GetAcl b) {
            return new GetACLResponse(acls(b.acl()), stat(b.stat()));
        } else if (body instanceof ZkResponse.GetChildren b) {
            return new GetChildrenResponse(b.children());
        } else if (body instanceof ZkResponse.GetChildren2 b) {
            return new GetChildren2Response(b.children(), stat(b.stat()));
        } else if (body instanceof ZkResponse.Sync b) {
            return new SyncResponse(b.path());
        } else if (body instanceof ZkResponse.Multi b) {
            MultiResponse multi = new MultiResponse();
            b.results().forEach(r -> multi.add(opResult(r)));
            return multi;
        } else if (body instanceof ZkResponse.ErrorBody b) {
            return new ErrorResponse(b.err());
        } else if (body instanceof ZkResponse.GetEphemerals b) {
            return new GetEphemeralsResponse(b.paths());
        } else if (body instanceof ZkResponse.GetAllChildrenNumber b) {
            return new GetAllChildrenNumberResponse(b.totalNumber());
        } else if (body instanceof ZkResponse.WhoAmI b) {
            List<ClientInfo> infos = new ArrayList<>();
            b.clientInfo().forEach(id -> infos.add(new ClientInfo(id.scheme(), id.id())));
            return new WhoAmIResponse(infos);
        } else if (body instanceof ZkResponse.Sasl b) {
            return new SetSASLResponse(b.token());
        }
        return null;
    }

    static OpResult opResult(ZkResponse.OpResult result) {
        if (result instanceof ZkResponse.OpResult.Create r) {
            return new OpResult.CreateResult(r.path());
        } else if (result instanceof ZkResponse.OpResult.Create2 r) {
            return new OpResult.CreateResult(r.path(), stat(r.stat()));
        } else if (result instanceof ZkResponse.OpResult.Delete) {
            return new OpResult.DeleteResult();
        } else if (result instanceof ZkResponse.OpResult.SetData r) {
            return new OpResult.SetDataResult(stat(r.stat()));
        } else if (result instanceof ZkResponse.OpResult.Check) {
            return new OpResult.CheckResult();
        } else if (result instanceof ZkResponse.OpResult.GetData r) {
            return new OpResult.GetDataResult(r.data(), stat(r.stat()));
        } else if (result instanceof ZkResponse.OpResult.GetChildren r) {
            return new OpResult.GetChildrenResult(r.children());
        } else if (result instanceof ZkResponse.OpResult.Error r) {
            return new OpResult.ErrorResult(r.err());
        }
        throw new IllegalArgumentException("no official result for " + result);
    }

    /** A Record used only to write bytes in tests. */
    private abstract static class WriteOnlyRecord implements Record {
        @Override
        public void deserialize(InputArchive archive, String tag) {
            throw new UnsupportedOperationException("write-only test record");
        }
    }
}
