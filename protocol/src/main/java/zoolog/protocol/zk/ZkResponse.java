package zoolog.protocol.zk;

import java.util.List;

/**
 * Every reply body the server sends after a ReplyHeader whose err is 0. Errors are sent as the
 * header alone, so no record here carries an error code except multi results and addWatch.
 */
public sealed interface ZkResponse {

    /** delete, sync-less writes, setWatches, checkWatches, removeWatches, auth, ping, closeSession. */
    record Empty() implements ZkResponse {
        public static final Empty INSTANCE = new Empty();
    }

    /** create(1) and createContainer as sent to 4-argument Java callers. */
    record Create(String path) implements ZkResponse {}

    /** create2, createContainer and createTTL. */
    record Create2(String path, Stat stat) implements ZkResponse {}

    /** exists, setData, setACL. */
    record StatOnly(Stat stat) implements ZkResponse {}

    /** getData and reconfig; {@code data} may be null (written as length -1). */
    record GetData(byte[] data, Stat stat) implements ZkResponse {}

    record GetAcl(List<Acl> acl, Stat stat) implements ZkResponse {}

    record GetChildren(List<String> children) implements ZkResponse {}

    record GetChildren2(List<String> children, Stat stat) implements ZkResponse {}

    record Sync(String path) implements ZkResponse {}

    record Multi(List<OpResult> results) implements ZkResponse {}

    /** addWatch's reply body: a bare int, always 0 on success. */
    record ErrorBody(int err) implements ZkResponse {}

    record GetEphemerals(List<String> paths) implements ZkResponse {}

    record GetAllChildrenNumber(int totalNumber) implements ZkResponse {}

    record WhoAmI(List<Id> clientInfo) implements ZkResponse {}

    record Sasl(byte[] token) implements ZkResponse {}

    /**
     * One result inside a multi reply. Its wire type code is the MultiHeader type: create(1),
     * create2(15, also for createContainer/createTTL ops), delete(2), setData(5), check(13),
     * getData(4), getChildren(8), error(-1).
     */
    sealed interface OpResult {
        record Create(String path) implements OpResult {}

        record Create2(String path, Stat stat) implements OpResult {}

        record Delete() implements OpResult {}

        record SetData(Stat stat) implements OpResult {}

        record Check() implements OpResult {}

        record GetData(byte[] data, Stat stat) implements OpResult {}

        record GetChildren(List<String> children) implements OpResult {}

        record Error(int err) implements OpResult {}
    }
}
