package zoolog.coord.process;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import zoolog.coord.process.TreeSnapshot.Znode;
import zoolog.coord.process.WriteLedger.Created;
import zoolog.coord.process.WriteLedger.DataSet;

/**
 * Compares a recovered tree with the write history and names every broken promise, one line
 * each: an acknowledged create that is missing or carries another czxid or data (lost write), an
 * acknowledged setData whose version was rolled back or whose data differs (lost update), two
 * acknowledgements with the same zxid or sequential name (a counter that went back), and any znode
 * that no client ever tried to write (a phantom write). Pure: reads its arguments only.
 */
final class LedgerCheck {

    /** ZooKeeper's sequential suffix: ten digits appended to the requested name. */
    private static final Pattern SEQUENTIAL_NAME = Pattern.compile("(.*-)(\\d{10})");

    private LedgerCheck() {}

    /**
     * @param liveSessions sessions that must still exist (their acknowledged ephemerals must be
     *                     there); ephemerals of other sessions may have gone with their session
     */
    static List<String> violations(WriteLedger ledger, CrashLayout layout, TreeSnapshot tree, Set<Long> liveSessions) {
        List<String> violations = new ArrayList<>(ledger.anomalies());
        for (Created ack : ledger.created()) {
            checkCreated(violations, tree.get(ack.path()), ack, "create");
        }
        for (Created ack : ledger.sequentialCreated()) {
            checkCreated(violations, tree.get(ack.path()), ack, "sequential create");
        }
        for (Created ack : ledger.ephemeralCreated()) {
            Znode node = tree.get(ack.path());
            if (node != null || liveSessions.contains(ack.ephemeralOwner())) {
                checkCreated(violations, node, ack, "ephemeral create");
            }
        }
        Map<String, List<DataSet>> dataSets = ledger.dataSetsByPath();
        for (String path : ledger.setPaths()) {
            checkCounter(violations, ledger, path, tree.get(path), dataSets.getOrDefault(path, List.of()));
        }
        checkZxidsUnique(violations, ledger);
        checkNoPhantoms(violations, ledger, layout, tree);
        return violations;
    }

    private static void checkCreated(List<String> violations, Znode node, Created ack, String what) {
        String told = what + " " + ack.path() + " acknowledged with czxid 0x" + Long.toHexString(ack.czxid());
        if (node == null) {
            violations.add(told + " is missing");
            return;
        }
        if (node.stat().getCzxid() != ack.czxid()) {
            violations.add(told + " has czxid 0x" + Long.toHexString(node.stat().getCzxid()));
        }
        if (node.stat().getMzxid() != ack.czxid() || node.stat().getVersion() != 0) {
            violations.add(told + " was modified: mzxid 0x" + Long.toHexString(node.stat().getMzxid())
                    + ", version " + node.stat().getVersion());
        }
        if (!ack.data().equals(node.data())) {
            violations.add(told + " holds '" + node.data() + "', not '" + ack.data() + "'");
        }
        if (node.stat().getEphemeralOwner() != ack.ephemeralOwner()) {
            violations.add(told + " has ephemeral owner 0x" + Long.toHexString(node.stat().getEphemeralOwner())
                    + ", not 0x" + Long.toHexString(ack.ephemeralOwner()));
        }
    }

    /**
     * Every write that landed bumped the version by one, so the version lies between the number
     * of acknowledged and of attempted writes, and never below the highest acknowledged version.
     */
    private static void checkCounter(List<String> violations, WriteLedger ledger, String path, Znode node,
                                     List<DataSet> acks) {
        if (node == null) {
            violations.add("counter " + path + " is missing");
            return;
        }
        int version = node.stat().getVersion();
        if (version < acks.size()) {
            violations.add("counter " + path + " has version " + version + " but " + acks.size() + " setData were acknowledged");
        }
        if (version > ledger.setAttempts(path)) {
            violations.add("counter " + path + " has version " + version + " but only " + ledger.setAttempts(path)
                    + " setData were attempted");
        }
        Map<Integer, DataSet> byVersion = new HashMap<>();
        for (DataSet ack : acks) {
            DataSet other = byVersion.put(ack.version(), ack);
            if (other != null) {
                violations.add("counter " + path + ": version " + ack.version() + " acknowledged twice, to '"
                        + other.data() + "' and '" + ack.data() + "'");
            }
        }
        DataSet top = acks.stream().max(Comparator.comparingInt(DataSet::version)).orElse(null);
        if (top == null) {
            if (version > 0 && !ledger.setAttempted(path, node.data())) {
                violations.add("counter " + path + " holds '" + node.data() + "', which nobody wrote");
            }
            return;
        }
        String told = "counter " + path + " acknowledged at version " + top.version() + " ('" + top.data()
                + "', mzxid 0x" + Long.toHexString(top.mzxid()) + ")";
        if (version < top.version()) {
            violations.add(told + " is back at version " + version);
        } else if (version == top.version()) {
            if (!top.data().equals(node.data()) || top.mzxid() != node.stat().getMzxid()) {
                violations.add(told + " holds '" + node.data() + "' with mzxid 0x"
                        + Long.toHexString(node.stat().getMzxid()));
            }
        } else if (!ledger.setAttempted(path, node.data()) || node.stat().getMzxid() <= top.mzxid()) {
            violations.add(told + " moved on to version " + version + " holding '" + node.data()
                    + "' with mzxid 0x" + Long.toHexString(node.stat().getMzxid()));
        }
    }

    /** Each write is one transaction: two acknowledgements naming the same zxid mean a reused zxid. */
    private static void checkZxidsUnique(List<String> violations, WriteLedger ledger) {
        Map<Long, String> byZxid = new HashMap<>();
        List<Created> creates = new ArrayList<>(ledger.created());
        creates.addAll(ledger.sequentialCreated());
        creates.addAll(ledger.ephemeralCreated());
        for (Created ack : creates) {
            noteZxid(violations, byZxid, ack.czxid(), "create " + ack.path());
        }
        ledger.dataSetsByPath().values().forEach(acks -> acks.forEach(ack ->
                noteZxid(violations, byZxid, ack.mzxid(), "setData " + ack.path() + " v" + ack.version())));
    }

    private static void noteZxid(List<String> violations, Map<Long, String> byZxid, long zxid, String write) {
        String other = byZxid.put(zxid, write);
        if (other != null) {
            violations.add("zxid 0x" + Long.toHexString(zxid) + " acknowledged for two writes: " + other + " and " + write);
        }
    }

    /** Every znode is the root, ZooKeeper's own, scaffolding, or the target of an attempted write. */
    private static void checkNoPhantoms(List<String> violations, WriteLedger ledger, CrashLayout layout, TreeSnapshot tree) {
        Set<String> scaffolding = Set.copyOf(layout.scaffolding());
        Map<String, Integer> sequentialCounts = new HashMap<>();
        String sequentialParent = layout.sequential() + "/";
        for (String path : tree.nodes().keySet()) {
            if (path.equals("/") || path.equals("/zookeeper") || path.startsWith("/zookeeper/")
                    || scaffolding.contains(path) || ledger.attempted(path)) {
                continue;
            }
            Matcher sequential = SEQUENTIAL_NAME.matcher(path);
            if (path.startsWith(sequentialParent) && sequential.matches()
                    && ledger.sequentialAttempts(sequential.group(1)) > 0) {
                sequentialCounts.merge(sequential.group(1), 1, Integer::sum);
                continue;
            }
            violations.add("znode " + path + " was never written by any client");
        }
        sequentialCounts.forEach((prefix, count) -> {
            if (count > ledger.sequentialAttempts(prefix)) {
                violations.add(count + " sequential children " + prefix + "* exist, only "
                        + ledger.sequentialAttempts(prefix) + " were attempted");
            }
        });
    }
}
