package zoolog.coord.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import java.util.List;
import org.junit.jupiter.api.Test;
import zoolog.coord.store.TestTxns;
import zoolog.protocol.txn.AclEntry;
import zoolog.protocol.txn.CheckVersionTxn;
import zoolog.protocol.txn.CloseSessionTxn;
import zoolog.protocol.txn.CreateTxn;
import zoolog.protocol.txn.DeleteTxn;
import zoolog.protocol.txn.MultiTxn;
import zoolog.protocol.txn.SetAclTxn;
import zoolog.protocol.txn.SetDataTxn;
import zoolog.protocol.txn.Txn;
import zoolog.protocol.zk.Perms;

class TxnLogDumpTest {
    /** A small history touching every txn type, and the lines it must dump as. */
    static final List<Txn> HISTORY = List.of(
            TestTxns.createSession(1, 0x100, 30000),
            TestTxns.create(2, 0x100, 1, "/app", "hello"),
            txn(3, 2).setSetData(SetDataTxn.newBuilder().setPath("/app").setData(ByteString.copyFromUtf8("bye")).setVersion(1)).build(),
            txn(4, 3).setMulti(MultiTxn.newBuilder()
                    .addOps(txn(4, 3).setCheckVersion(CheckVersionTxn.newBuilder().setPath("/app").setVersion(1)))
                    .addOps(txn(4, 3).setCreate(CreateTxn.newBuilder().setPath("/app/e").setDataNull(true)
                            .addAcl(TestTxns.OPEN_ACL).setEphemeralOwner(0x100).setParentCversion(1)))).build(),
            txn(5, 4).setSetAcl(SetAclTxn.newBuilder().setPath("/app").setVersion(1)
                    .addAcl(AclEntry.newBuilder().setPerms(Perms.READ | Perms.ADMIN).setScheme("digest").setId("bob:x1Y="))
                    .addAcl(AclEntry.newBuilder().setPerms(0).setScheme("ip").setId("10.0.0.1"))).build(),
            txn(6, 5).setDelete(DeleteTxn.newBuilder().setPath("/app/x")).build(),
            txn(7, 6).setCloseSession(CloseSessionTxn.getDefaultInstance()).build());

    static final List<String> HISTORY_LINES = List.of(
            "2023-11-14T22:13:20Z session 0x100 cxid 0x0 zxid 0x1 createSession timeout 30000",
            "2023-11-14T22:13:20Z session 0x100 cxid 0x1 zxid 0x2 create /app dataLength 5 acl [cdrwa world:anyone]"
                    + " ephemeralOwner 0x0 parentCversion 0",
            "2023-11-14T22:13:20Z session 0x100 cxid 0x2 zxid 0x3 setData /app dataLength 3 version 1",
            "2023-11-14T22:13:20Z session 0x100 cxid 0x3 zxid 0x4 multi 2 ops: check /app version 1;"
                    + " create /app/e dataLength -1 acl [cdrwa world:anyone] ephemeralOwner 0x100 parentCversion 1",
            "2023-11-14T22:13:20Z session 0x100 cxid 0x4 zxid 0x5 setACL /app acl [ra digest:bob:x1Y=, - ip:10.0.0.1] version 1",
            "2023-11-14T22:13:20Z session 0x100 cxid 0x5 zxid 0x6 delete /app/x",
            "2023-11-14T22:13:20Z session 0x100 cxid 0x6 zxid 0x7 closeSession");

    private static Txn.Builder txn(long zxid, int cxid) {
        return Txn.newBuilder().setZxid(zxid).setTimeMillis(TestTxns.TIME_MILLIS).setSessionId(0x100).setCxid(cxid);
    }

    @Test
    void everyTxnTypeRendersAsOneLine() {
        assertEquals(HISTORY_LINES, HISTORY.stream().map(TxnLogDump::line).toList());
    }

    @Test
    void emptyBodyAndNegativeIdsRenderInHex() {
        Txn txn = Txn.newBuilder().setZxid(0x5_0000_0001L).setSessionId(-1).setCxid(-2).build();
        assertEquals("1970-01-01T00:00:00Z session 0xffffffffffffffff cxid 0xfffffffe zxid 0x500000001 empty",
                TxnLogDump.line(txn));
    }
}
