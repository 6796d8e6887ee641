package zoolog.protocol.zk;

import java.util.List;

/**
 * Every client request body the server understands, one record per jute request record. The
 * header's opcode is kept where several opcodes share a layout (create/create2/createContainer/
 * createTTL, getChildren/getChildren2, multi/multiRead, setWatches/setWatches2,
 * checkWatches/removeWatches) because the reply shape depends on it.
 */
public sealed interface ZkRequest {

    /** The opcode this request arrived with. */
    int opCode();

    /** create(1), create2(15), createContainer(19), createTTL(21); {@code ttl} is -1 unless 21. */
    record Create(int opCode, String path, byte[] data, List<Acl> acl, int flags, long ttl) implements ZkRequest {}

    record Delete(String path, int version) implements ZkRequest {
        public int opCode() { return OpCode.DELETE; }
    }

    record Exists(String path, boolean watch) implements ZkRequest {
        public int opCode() { return OpCode.EXISTS; }
    }

    record GetData(String path, boolean watch) implements ZkRequest {
        public int opCode() { return OpCode.GET_DATA; }
    }

    record SetData(String path, byte[] data, int version) implements ZkRequest {
        public int opCode() { return OpCode.SET_DATA; }
    }

    record GetAcl(String path) implements ZkRequest {
        public int opCode() { return OpCode.GET_ACL; }
    }

    record SetAcl(String path, List<Acl> acl, int version) implements ZkRequest {
        public int opCode() { return OpCode.SET_ACL; }
    }

    /** getChildren(8) or getChildren2(12, which also returns the parent's Stat). */
    record GetChildren(int opCode, String path, boolean watch) implements ZkRequest {}

    record Sync(String path) implements ZkRequest {
        public int opCode() { return OpCode.SYNC; }
    }

    /** Only valid as an op inside multi. */
    record Check(String path, int version) implements ZkRequest {
        public int opCode() { return OpCode.CHECK; }
    }

    /** multi(14) of writes and checks, or multiRead(22) of getData/getChildren. */
    record Multi(int opCode, List<ZkRequest> ops) implements ZkRequest {}

    record Reconfig(String joiningServers, String leavingServers, String newMembers, long curConfigId)
            implements ZkRequest {
        public int opCode() { return OpCode.RECONFIG; }
    }

    /** checkWatches(17) or removeWatches(18); {@code watcherType} is one of {@code Watches.TYPE_*}. */
    record RemoveWatches(int opCode, String path, int watcherType) implements ZkRequest {}

    /** setWatches(101) or setWatches2(105, which adds the two persistent lists). */
    record SetWatches(
            int opCode,
            long relativeZxid,
            List<String> dataWatches,
            List<String> existWatches,
            List<String> childWatches,
            List<String> persistentWatches,
            List<String> persistentRecursiveWatches) implements ZkRequest {}

    /** {@code mode} is one of {@code Watches.ADD_WATCH_*}. */
    record AddWatch(String path, int mode) implements ZkRequest {
        public int opCode() { return OpCode.ADD_WATCH; }
    }

    record GetEphemerals(String prefixPath) implements ZkRequest {
        public int opCode() { return OpCode.GET_EPHEMERALS; }
    }

    record GetAllChildrenNumber(String path) implements ZkRequest {
        public int opCode() { return OpCode.GET_ALL_CHILDREN_NUMBER; }
    }

    record WhoAmI() implements ZkRequest {
        public int opCode() { return OpCode.WHO_AM_I; }
    }

    record CloseSession() implements ZkRequest {
        public int opCode() { return OpCode.CLOSE_SESSION; }
    }

    record Ping() implements ZkRequest {
        public int opCode() { return OpCode.PING; }
    }

    /** addauth, sent with xid -4; {@code type} is unused by servers and always 0 from clients. */
    record Auth(int type, String scheme, byte[] auth) implements ZkRequest {
        public int opCode() { return OpCode.AUTH; }
    }

    record Sasl(byte[] token) implements ZkRequest {
        public int opCode() { return OpCode.SASL; }
    }
}
