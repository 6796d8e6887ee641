package zoolog.coord.tree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import zoolog.protocol.txn.CreateTxn;
import zoolog.protocol.txn.Txn;
import zoolog.protocol.zk.Acl;

/**
 * The in-memory znode tree: every path mapped to its {@link Znode}, plus the indexes the server
 * needs (ephemerals per session, containers and TTL nodes, quota statistics). It changes only
 * through {@link #apply}, which is a pure function of the current tree and one committed
 * transaction, so every replay and every replica reaches the same state. Owned by the core thread.
 *
 * <p>The tree trusts its transactions: the preparer already checked versions, ACLs and existence.
 * A transaction that does not fit (a missing parent, say) is a broken invariant and throws.
 */
public final class DataTree {

    private final Map<String, Znode> nodes = new HashMap<>();
    private final Map<Long, Set<String>> ephemeralsBySession = new HashMap<>();
    private final Set<String> containersAndTtls = new HashSet<>();
    private final Quotas quotas = new Quotas();
    private long lastProcessedZxid;
    private long approximateDataSize;

    /** A tree holding only ZooKeeper's system nodes: /, /zookeeper, /zookeeper/quota, /zookeeper/config. */
    public DataTree() {
        addSystemNodes();
    }

    /** Back to the system nodes alone, before a learner restores a leader's snapshot. */
    public void clear() {
        nodes.clear();
        ephemeralsBySession.clear();
        containersAndTtls.clear();
        quotas.clear();
        approximateDataSize = 0;
        lastProcessedZxid = 0;
        addSystemNodes();
    }

    /** Every node, parents before children (path order puts a prefix first). */
    public void forEachNode(BiConsumer<String, Znode> visitor) {
        new TreeMap<>(nodes).forEach(visitor);
    }

    private void addSystemNodes() {
        nodes.put(PathRules.ROOT, new Znode(new byte[0], Acl.OPEN_ACL_UNSAFE, 0, 0, 0));
        addSystemNode("/zookeeper", Acl.OPEN_ACL_UNSAFE);
        addSystemNode(Quotas.QUOTA_ROOT, Acl.OPEN_ACL_UNSAFE);
        addSystemNode("/zookeeper/config", Acl.READ_ACL_UNSAFE);
        // ZooKeeper creates the config node with aclVersion -1, and clients print it.
        nodes.get("/zookeeper/config").aversion = -1;
    }

    private void addSystemNode(String path, List<Acl> acl) {
        nodes.put(path, new Znode(new byte[0], acl, 0, 0, 0));
        nodes.get(PathRules.parent(path)).children.add(PathRules.name(path));
        approximateDataSize += path.length();
    }

    public Znode get(String path) {
        return nodes.get(path);
    }

    public long lastProcessedZxid() {
        return lastProcessedZxid;
    }

    public int nodeCount() {
        return nodes.size();
    }

    public long approximateDataSize() {
        return approximateDataSize;
    }

    /** Ephemeral paths owned by a session (empty if none); do not modify. */
    public Set<String> ephemerals(long sessionId) {
        return ephemeralsBySession.getOrDefault(sessionId, Collections.emptySet());
    }

    public Map<Long, Set<String>> ephemeralsBySession() {
        return Collections.unmodifiableMap(ephemeralsBySession);
    }

    public int ephemeralsCount() {
        int count = 0;
        for (Set<String> paths : ephemeralsBySession.values()) {
            count += paths.size();
        }
        return count;
    }

    /** Containers and TTL nodes: the candidates for automatic removal. Do not modify. */
    public Set<String> containersAndTtls() {
        return Collections.unmodifiableSet(containersAndTtls);
    }

    /** Number of descendants of {@code path}, not counting the node itself. */
    public int descendantCount(String path) {
        int count = 0;
        List<String> stack = new ArrayList<>();
        stack.add(path);
        while (!stack.isEmpty()) {
            String current = stack.remove(stack.size() - 1);
            Znode node = nodes.get(current);
            for (String child : node.children) {
                count++;
                stack.add(PathRules.child(current, child));
            }
        }
        return count;
    }

    // ---------------------------------------------------------------- applying transactions

    /** Applies one committed transaction; every change is reported to {@code listener} as it happens. */
    public void apply(Txn txn, TreeListener listener) {
        if (txn.getZxid() <= lastProcessedZxid) {
            throw new IllegalStateException("txn 0x" + Long.toHexString(txn.getZxid())
                    + " applied after 0x" + Long.toHexString(lastProcessedZxid));
        }
        applyBody(txn, txn.getZxid(), txn.getTimeMillis(), listener);
        lastProcessedZxid = txn.getZxid();
    }

    private void applyBody(Txn txn, long zxid, long time, TreeListener listener) {
        switch (txn.getBodyCase()) {
            case CREATE -> create(txn.getCreate(), zxid, time, listener);
            case DELETE -> delete(txn.getDelete().getPath(), zxid, listener);
            case SET_DATA -> setData(txn.getSetData().getPath(), dataOf(txn.getSetData().getData().toByteArray(),
                    txn.getSetData().getDataNull()), txn.getSetData().getVersion(), zxid, time, listener);
            case SET_ACL -> setAcl(txn.getSetAcl().getPath(), Acls.fromEntries(txn.getSetAcl().getAclList()),
                    txn.getSetAcl().getVersion(), listener);
            case CLOSE_SESSION -> closeSession(txn.getSessionId(), zxid, listener);
            case MULTI -> {
                for (Txn op : txn.getMulti().getOpsList()) {
                    applyBody(op, zxid, time, listener);
                }
            }
            case CHECK_VERSION, CREATE_SESSION -> { }
            case BODY_NOT_SET -> throw new IllegalStateException("txn 0x" + Long.toHexString(zxid) + " has no body");
        }
    }

    private static byte[] dataOf(byte[] bytes, boolean isNull) {
        return isNull ? null : bytes;
    }

    private void create(CreateTxn txn, long zxid, long time, TreeListener listener) {
        String path = txn.getPath();
        String parentPath = PathRules.parent(path);
        Znode parent = require(parentPath, zxid);
        if (nodes.containsKey(path)) {
            throw new IllegalStateException("txn 0x" + Long.toHexString(zxid) + " creates existing " + path);
        }
        byte[] data = dataOf(txn.getData().toByteArray(), txn.getDataNull());
        long owner = txn.getEphemeralOwner();
        Znode node = new Znode(data, Acls.fromEntries(txn.getAclList()), zxid, time, owner);
        nodes.put(path, node);
        parent.children.add(PathRules.name(path));
        parent.cversion = txn.getParentCversion();
        parent.pzxid = zxid;
        approximateDataSize += path.length() + node.dataLength();
        if (EphemeralType.isSessionOwned(owner)) {
            ephemeralsBySession.computeIfAbsent(owner, k -> new HashSet<>()).add(path);
        } else if (owner != 0) {
            containersAndTtls.add(path);
        }
        listener.nodeCreated(path);
        listener.childrenChanged(parentPath);
        onQuotaNodeChanged(path, data, listener);
        updateQuotaStats(path, 1, node.dataLength(), listener);
    }

    private void delete(String path, long zxid, TreeListener listener) {
        Znode node = require(path, zxid);
        if (!node.children.isEmpty()) {
            throw new IllegalStateException("txn 0x" + Long.toHexString(zxid) + " deletes non-empty " + path);
        }
        String parentPath = PathRules.parent(path);
        Znode parent = require(parentPath, zxid);
        nodes.remove(path);
        parent.children.remove(PathRules.name(path));
        if (parent.pzxid < zxid) {
            parent.pzxid = zxid;
        }
        approximateDataSize -= path.length() + node.dataLength();
        long owner = node.ephemeralOwner;
        if (EphemeralType.isSessionOwned(owner)) {
            Set<String> owned = ephemeralsBySession.get(owner);
            owned.remove(path);
            if (owned.isEmpty()) {
                ephemeralsBySession.remove(owner);
            }
        } else if (owner != 0) {
            containersAndTtls.remove(path);
        }
        listener.nodeDeleted(path);
        listener.childrenChanged(parentPath);
        String subject = Quotas.quotaSubject(path);
        if (subject != null && PathRules.name(path).equals(Quotas.LIMITS_NODE)) {
            quotas.removeLimits(subject);
        }
        updateQuotaStats(path, -1, -node.dataLength(), listener);
    }

    private void setData(String path, byte[] data, int version, long zxid, long time, TreeListener listener) {
        Znode node = require(path, zxid);
        int oldLength = node.dataLength();
        node.data = data;
        node.version = version;
        node.mzxid = zxid;
        node.mtime = time;
        approximateDataSize += node.dataLength() - oldLength;
        listener.dataChanged(path);
        onQuotaNodeChanged(path, data, listener);
        updateQuotaStats(path, 0, node.dataLength() - oldLength, listener);
    }

    private void setAcl(String path, List<Acl> acl, int version, TreeListener listener) {
        Znode node = require(path, lastProcessedZxid);
        node.acl = acl;
        node.aversion = version;
        listener.nodeTouched(path);
    }

    private void closeSession(long sessionId, long zxid, TreeListener listener) {
        Set<String> owned = ephemeralsBySession.get(sessionId);
        if (owned == null) {
            return;
        }
        // Ephemerals have no children, so any order works; sorted so every replica fires watches alike.
        for (String path : new TreeSet<>(owned)) {
            delete(path, zxid, listener);
        }
    }

    private Znode require(String path, long zxid) {
        Znode node = nodes.get(path);
        if (node == null) {
            throw new IllegalStateException("txn 0x" + Long.toHexString(zxid) + " refers to missing " + path);
        }
        return node;
    }

    // ---------------------------------------------------------------- quotas

    /** A limits node was created or changed: (re)read the limits and recount the subtree. */
    private void onQuotaNodeChanged(String path, byte[] data, TreeListener listener) {
        String subject = Quotas.quotaSubject(path);
        if (subject == null) {
            return;
        }
        if (PathRules.name(path).equals(Quotas.LIMITS_NODE)) {
            quotas.setLimits(subject, data);
        }
        recountQuota(subject, listener);
    }

    private void recountQuota(String subject, TreeListener listener) {
        Znode stats = nodes.get(Quotas.statsPath(subject));
        if (stats == null || !quotas.hasLimits(subject)) {
            return;
        }
        long count = 0;
        long bytes = 0;
        if (nodes.containsKey(subject)) {
            List<String> stack = new ArrayList<>(List.of(subject));
            while (!stack.isEmpty()) {
                String current = stack.remove(stack.size() - 1);
                Znode node = nodes.get(current);
                count++;
                bytes += node.dataLength();
                for (String child : node.children) {
                    stack.add(PathRules.child(current, child));
                }
            }
        }
        writeStats(stats, Quotas.statsPath(subject), count, bytes, listener);
    }

    private void updateQuotaStats(String path, long countDelta, long bytesDelta, TreeListener listener) {
        String subject = quotas.governingSubject(path);
        if (subject == null) {
            return;
        }
        String statsPath = Quotas.statsPath(subject);
        Znode stats = nodes.get(statsPath);
        if (stats == null) {
            return;
        }
        long[] current = Quotas.parse(stats.data);
        long count = Math.max(0, current[0]) + countDelta;
        long bytes = Math.max(0, current[1]) + bytesDelta;
        writeStats(stats, statsPath, count, bytes, listener);
        quotas.warnIfExceeded(subject, count, bytes);
    }

    /** Quota statistics change without a zxid of their own, as in ZooKeeper; only the store hears. */
    private void writeStats(Znode stats, String statsPath, long count, long bytes, TreeListener listener) {
        int oldLength = stats.dataLength();
        stats.data = Quotas.render(count, bytes);
        approximateDataSize += stats.dataLength() - oldLength;
        listener.nodeTouched(statsPath);
    }

    // ---------------------------------------------------------------- restore from the store

    /** Puts a node loaded from the store; parents arrive before children. */
    public void restore(String path, Znode node) {
        Znode old = nodes.put(path, node);
        if (old != null) {
            // Only the system nodes pre-exist; their children may never have been rewritten to the store.
            node.children.addAll(old.children);
            approximateDataSize -= path.length() + old.dataLength();
        }
        approximateDataSize += path.length() + node.dataLength();
        if (!path.equals(PathRules.ROOT)) {
            require(PathRules.parent(path), 0).children.add(PathRules.name(path));
        }
        long owner = node.ephemeralOwner;
        if (EphemeralType.isSessionOwned(owner)) {
            ephemeralsBySession.computeIfAbsent(owner, k -> new HashSet<>()).add(path);
        } else if (owner != 0) {
            containersAndTtls.add(path);
        }
        String subject = Quotas.quotaSubject(path);
        if (subject != null && PathRules.name(path).equals(Quotas.LIMITS_NODE)) {
            quotas.setLimits(subject, node.data);
        }
    }

    /** After restoring nodes: the materialised state reflects {@code zxid}. */
    public void restoredUpTo(long zxid) {
        lastProcessedZxid = zxid;
    }
}
