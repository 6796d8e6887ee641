package zoolog.coord.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import zoolog.coord.acl.AclPolicy;
import zoolog.coord.tree.DataTree;
import zoolog.coord.tree.PathRules;
import zoolog.coord.tree.Znode;
import zoolog.coord.watch.WatchManager;
import zoolog.protocol.zk.Acl;
import zoolog.protocol.zk.ErrorCode;
import zoolog.protocol.zk.Id;
import zoolog.protocol.zk.OpCode;
import zoolog.protocol.zk.Perms;
import zoolog.protocol.zk.Watches;
import zoolog.protocol.zk.ZkRequest;
import zoolog.protocol.zk.ZkResponse;

/**
 * Answers the requests that do not change the tree: reads, watch management and session
 * introspection. Each is a function of the applied tree and the connection at the moment the
 * request reaches the head of its connection's queue. Watches registered here belong to the
 * connection. Owned by the core thread.
 */
final class ReadRequests {

    /** An answer: an error code, or OK with a body. */
    record Answer(int err, ZkResponse body) {
        static Answer ok(ZkResponse body) {
            return new Answer(0, body);
        }

        static Answer error(ErrorCode code) {
            return new Answer(code.code(), null);
        }
    }

    private final DataTree tree;
    private final WatchManager watches;
    private final AclPolicy aclPolicy;

    ReadRequests(DataTree tree, WatchManager watches, AclPolicy aclPolicy) {
        this.tree = tree;
        this.watches = watches;
        this.aclPolicy = aclPolicy;
    }

    Answer answer(ZkRequest request, Connection connection, WatchManager.EventSink events) {
        if (request instanceof ZkRequest.Exists r) {
            return exists(r, connection);
        } else if (request instanceof ZkRequest.GetData r) {
            return getData(r.path(), r.watch(), connection);
        } else if (request instanceof ZkRequest.GetChildren r) {
            return getChildren(r.opCode(), r.path(), r.watch(), connection);
        } else if (request instanceof ZkRequest.GetAcl r) {
            return getAcl(r, connection);
        } else if (request instanceof ZkRequest.Sync r) {
            return PathRules.isValid(r.path()) ? Answer.ok(new ZkResponse.Sync(r.path())) : Answer.error(ErrorCode.BAD_ARGUMENTS);
        } else if (request instanceof ZkRequest.Multi r) {
            return multiRead(r, connection);
        } else if (request instanceof ZkRequest.GetEphemerals r) {
            return getEphemerals(r, connection);
        } else if (request instanceof ZkRequest.GetAllChildrenNumber r) {
            return allChildrenNumber(r, connection);
        } else if (request instanceof ZkRequest.WhoAmI) {
            return Answer.ok(new ZkResponse.WhoAmI(whoAmI(connection)));
        } else if (request instanceof ZkRequest.AddWatch r) {
            return addWatch(r, connection);
        } else if (request instanceof ZkRequest.RemoveWatches r) {
            return removeWatches(r, connection);
        } else if (request instanceof ZkRequest.SetWatches r) {
            setWatches(r, connection, events);
            return Answer.ok(ZkResponse.Empty.INSTANCE);
        } else if (request instanceof ZkRequest.Ping) {
            return Answer.ok(ZkResponse.Empty.INSTANCE);
        }
        if (request instanceof ZkRequest.Reconfig) {
            // Dynamic reconfiguration is off (reconfigEnabled=false), as by default in ZooKeeper.
            return Answer.error(ErrorCode.RECONFIG_DISABLED);
        }
        // SASL is not configured on this server.
        return Answer.error(ErrorCode.UNIMPLEMENTED);
    }

    private Znode readable(String path, Connection connection, Answer[] failure) {
        if (!PathRules.isValid(path)) {
            failure[0] = Answer.error(ErrorCode.BAD_ARGUMENTS);
            return null;
        }
        Znode node = tree.get(path);
        if (node == null) {
            failure[0] = Answer.error(ErrorCode.NO_NODE);
            return null;
        }
        if (!aclPolicy.check(node.acl(), Perms.READ, connection.ids)) {
            failure[0] = Answer.error(ErrorCode.NO_AUTH);
            return null;
        }
        return node;
    }

    private Answer exists(ZkRequest.Exists request, Connection connection) {
        if (!PathRules.isValid(request.path())) {
            return Answer.error(ErrorCode.BAD_ARGUMENTS);
        }
        if (request.watch()) {
            // exists watches a missing node too, so the client hears when it is created.
            watches.addDataWatch(request.path(), connection.id);
        }
        Answer[] failure = new Answer[1];
        Znode node = readable(request.path(), connection, failure);
        return node == null ? failure[0] : Answer.ok(new ZkResponse.StatOnly(node.stat()));
    }

    private Answer getData(String path, boolean watch, Connection connection) {
        Answer[] failure = new Answer[1];
        Znode node = readable(path, connection, failure);
        if (node == null) {
            return failure[0];
        }
        if (watch) {
            watches.addDataWatch(path, connection.id);
        }
        return Answer.ok(new ZkResponse.GetData(node.data(), node.stat()));
    }

    private Answer getChildren(int opCode, String path, boolean watch, Connection connection) {
        Answer[] failure = new Answer[1];
        Znode node = readable(path, connection, failure);
        if (node == null) {
            return failure[0];
        }
        if (watch) {
            watches.addChildWatch(path, connection.id);
        }
        List<String> children = node.childNames();
        return Answer.ok(opCode == OpCode.GET_CHILDREN2
                ? new ZkResponse.GetChildren2(children, node.stat())
                : new ZkResponse.GetChildren(children));
    }

    private Answer getAcl(ZkRequest.GetAcl request, Connection connection) {
        if (!PathRules.isValid(request.path())) {
            return Answer.error(ErrorCode.BAD_ARGUMENTS);
        }
        Znode node = tree.get(request.path());
        if (node == null) {
            return Answer.error(ErrorCode.NO_NODE);
        }
        if (!aclPolicy.check(node.acl(), Perms.READ | Perms.ADMIN, connection.ids)) {
            return Answer.error(ErrorCode.NO_AUTH);
        }
        List<Acl> acl = aclPolicy.check(node.acl(), Perms.ADMIN, connection.ids) ? node.acl() : masked(node.acl());
        return Answer.ok(new ZkResponse.GetAcl(acl, node.stat()));
    }

    /** Without ADMIN, digest hashes are hidden (user:x), as ZooKeeper does, so they cannot be attacked offline. */
    private static List<Acl> masked(List<Acl> acl) {
        List<Acl> result = new ArrayList<>(acl.size());
        for (Acl entry : acl) {
            Id id = entry.id();
            boolean digest = id.scheme().equals("digest") && id.id().indexOf(':') >= 0;
            result.add(digest ? new Acl(entry.perms(), new Id("digest", id.id().substring(0, id.id().indexOf(':')) + ":x")) : entry);
        }
        return result;
    }

    /** The connection's identities as whoAmI shows them: digest ids by user name only. */
    private static List<Id> whoAmI(Connection connection) {
        List<Id> result = new ArrayList<>(connection.ids.size());
        for (Id id : connection.ids) {
            int colon = id.id().indexOf(':');
            result.add(id.scheme().equals("digest") && colon >= 0 ? new Id("digest", id.id().substring(0, colon)) : id);
        }
        return result;
    }

    private Answer multiRead(ZkRequest.Multi request, Connection connection) {
        List<ZkResponse.OpResult> results = new ArrayList<>(request.ops().size());
        for (ZkRequest op : request.ops()) {
            Answer answer = op instanceof ZkRequest.GetData r ? getData(r.path(), r.watch(), connection)
                    : op instanceof ZkRequest.GetChildren r ? getChildren(OpCode.GET_CHILDREN, r.path(), r.watch(), connection)
                    : Answer.error(ErrorCode.BAD_ARGUMENTS);
            if (answer.err != 0) {
                results.add(new ZkResponse.OpResult.Error(answer.err));
            } else if (answer.body instanceof ZkResponse.GetData data) {
                results.add(new ZkResponse.OpResult.GetData(data.data(), data.stat()));
            } else {
                results.add(new ZkResponse.OpResult.GetChildren(((ZkResponse.GetChildren) answer.body).children()));
            }
        }
        return Answer.ok(new ZkResponse.Multi(results));
    }

    private Answer getEphemerals(ZkRequest.GetEphemerals request, Connection connection) {
        String prefix = request.prefixPath() == null ? "" : request.prefixPath();
        List<String> paths = new ArrayList<>();
        for (String path : tree.ephemerals(connection.sessionId)) {
            if (prefix.isEmpty() || prefix.equals(PathRules.ROOT) || path.startsWith(prefix)) {
                paths.add(path);
            }
        }
        Collections.sort(paths);
        return Answer.ok(new ZkResponse.GetEphemerals(paths));
    }

    private Answer allChildrenNumber(ZkRequest.GetAllChildrenNumber request, Connection connection) {
        Answer[] failure = new Answer[1];
        Znode node = readable(request.path(), connection, failure);
        return node == null ? failure[0] : Answer.ok(new ZkResponse.GetAllChildrenNumber(tree.descendantCount(request.path())));
    }

    private Answer addWatch(ZkRequest.AddWatch request, Connection connection) {
        if (!PathRules.isValid(request.path())) {
            return Answer.error(ErrorCode.BAD_ARGUMENTS);
        }
        if (request.mode() != Watches.ADD_WATCH_PERSISTENT && request.mode() != Watches.ADD_WATCH_PERSISTENT_RECURSIVE) {
            return Answer.error(ErrorCode.BAD_ARGUMENTS);
        }
        watches.addPersistentWatch(request.path(), connection.id,
                request.mode() == Watches.ADD_WATCH_PERSISTENT_RECURSIVE);
        return Answer.ok(new ZkResponse.ErrorBody(0));
    }

    private Answer removeWatches(ZkRequest.RemoveWatches request, Connection connection) {
        boolean found = request.opCode() == OpCode.CHECK_WATCHES
                ? watches.has(request.path(), connection.id, request.watcherType())
                : watches.remove(request.path(), connection.id, request.watcherType());
        return found ? Answer.ok(ZkResponse.Empty.INSTANCE) : Answer.error(ErrorCode.NO_WATCHER);
    }

    /**
     * Re-registers a reconnecting client's watches, first firing the events it missed while away:
     * a data watch on a node that changed after {@code relativeZxid} (or vanished) fires at once,
     * and likewise for exist and child watches (ZooKeeper's DataTree.setWatches rules).
     */
    private void setWatches(ZkRequest.SetWatches request, Connection connection, WatchManager.EventSink events) {
        long relativeZxid = request.relativeZxid();
        long id = connection.id;
        for (String path : request.dataWatches()) {
            Znode node = tree.get(path);
            if (node == null) {
                events.event(id, Watches.EVENT_NODE_DELETED, path);
            } else if (node.mzxid() > relativeZxid) {
                events.event(id, Watches.EVENT_NODE_DATA_CHANGED, path);
            } else {
                watches.addDataWatch(path, id);
            }
        }
        for (String path : request.existWatches()) {
            if (tree.get(path) != null) {
                events.event(id, Watches.EVENT_NODE_CREATED, path);
            } else {
                watches.addDataWatch(path, id);
            }
        }
        for (String path : request.childWatches()) {
            Znode node = tree.get(path);
            if (node == null) {
                events.event(id, Watches.EVENT_NODE_DELETED, path);
            } else if (node.pzxid() > relativeZxid) {
                events.event(id, Watches.EVENT_NODE_CHILDREN_CHANGED, path);
            } else {
                watches.addChildWatch(path, id);
            }
        }
        for (String path : request.persistentWatches()) {
            watches.addPersistentWatch(path, id, false);
        }
        for (String path : request.persistentRecursiveWatches()) {
            watches.addPersistentWatch(path, id, true);
        }
    }
}
