package zoolog.coord.tools;

import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import zoolog.protocol.txn.AclEntry;
import zoolog.protocol.txn.Txn;
import zoolog.protocol.zk.Perms;

/**
 * Renders logged transactions as text, one line per txn, like ZooKeeper's zkTxnLogToolkit:
 * {@code <time ISO> session 0x<hex> cxid 0x<hex> zxid 0x<hex> <type> <details>}. Types use
 * ZooKeeper's op names (create, delete, setData, setACL, check, createSession, closeSession,
 * multi); a data length of -1 means null data. Pure functions, used by {@link DumpLogCommand}.
 */
public final class TxnLogDump {
    private TxnLogDump() {}

    public static String line(Txn txn) {
        return Instant.ofEpochMilli(txn.getTimeMillis())
                + " session 0x" + Long.toHexString(txn.getSessionId())
                + " cxid 0x" + Integer.toHexString(txn.getCxid())
                + " zxid 0x" + Long.toHexString(txn.getZxid())
                + " " + body(txn);
    }

    /** The {@code <type> <details>} part; a multi lists each op's body, separated by "; ". */
    public static String body(Txn txn) {
        switch (txn.getBodyCase()) {
            case CREATE:
                return "create " + txn.getCreate().getPath()
                        + " dataLength " + dataLength(txn.getCreate().getDataNull(), txn.getCreate().getData().size())
                        + " acl " + acl(txn.getCreate().getAclList())
                        + " ephemeralOwner 0x" + Long.toHexString(txn.getCreate().getEphemeralOwner())
                        + " parentCversion " + txn.getCreate().getParentCversion();
            case DELETE:
                return "delete " + txn.getDelete().getPath();
            case SET_DATA:
                return "setData " + txn.getSetData().getPath()
                        + " dataLength " + dataLength(txn.getSetData().getDataNull(), txn.getSetData().getData().size())
                        + " version " + txn.getSetData().getVersion();
            case SET_ACL:
                return "setACL " + txn.getSetAcl().getPath()
                        + " acl " + acl(txn.getSetAcl().getAclList())
                        + " version " + txn.getSetAcl().getVersion();
            case CHECK_VERSION:
                return "check " + txn.getCheckVersion().getPath() + " version " + txn.getCheckVersion().getVersion();
            case CREATE_SESSION:
                return "createSession timeout " + txn.getCreateSession().getTimeoutMillis();
            case CLOSE_SESSION:
                return "closeSession";
            case MULTI:
                StringJoiner ops = new StringJoiner("; ");
                for (Txn op : txn.getMulti().getOpsList()) {
                    ops.add(body(op));
                }
                return "multi " + txn.getMulti().getOpsCount() + " ops: " + ops;
            default:
                return "empty";
        }
    }

    /** ZooKeeper's convention: null data has length -1. */
    public static int dataLength(boolean dataNull, int size) {
        return dataNull ? -1 : size;
    }

    /** e.g. {@code [cdrwa world:anyone, r digest:bob:x1Y=]}. */
    public static String acl(List<AclEntry> acl) {
        StringJoiner entries = new StringJoiner(", ", "[", "]");
        for (AclEntry entry : acl) {
            entries.add(perms(entry.getPerms()) + " " + entry.getScheme() + ":" + entry.getId());
        }
        return entries.toString();
    }

    /** Permission letters in zkCli's order ("cdrwa"); "-" for none. */
    public static String perms(int perms) {
        StringBuilder letters = new StringBuilder();
        if ((perms & Perms.CREATE) != 0) {
            letters.append('c');
        }
        if ((perms & Perms.DELETE) != 0) {
            letters.append('d');
        }
        if ((perms & Perms.READ) != 0) {
            letters.append('r');
        }
        if ((perms & Perms.WRITE) != 0) {
            letters.append('w');
        }
        if ((perms & Perms.ADMIN) != 0) {
            letters.append('a');
        }
        return letters.length() == 0 ? "-" : letters.toString();
    }
}
