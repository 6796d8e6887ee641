package zoolog.coord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.junit.jupiter.api.function.Executable;

/** Assertions on the outcome of ZooKeeper client calls, shared by the compatibility tests. */
final class ZkAssertions {

    private ZkAssertions() {}

    /** Asserts that {@code call} fails with a {@link KeeperException} carrying exactly {@code code}. */
    static void assertThrowsCode(Code code, Executable call) {
        KeeperException thrown = assertThrows(KeeperException.class, call);
        assertEquals(code, thrown.code(), thrown.toString());
    }
}
