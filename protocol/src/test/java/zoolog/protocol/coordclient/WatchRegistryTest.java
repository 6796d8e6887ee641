package zoolog.protocol.coordclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import zoolog.protocol.zk.ErrorCode;
import zoolog.protocol.zk.ZkRequest;

/** ZooKeeper's client-side watch rules: which table a reply registers in, which events fire which tables. */
class WatchRegistryTest {

    private final WatchRegistry registry = new WatchRegistry();
    private final WatchListener data = event -> { };
    private final WatchListener exists = event -> { };
    private final WatchListener children = event -> { };

    @Test
    void existsOnAMissingNodeWatchesItsCreationAndFailedReadsWatchNothing() {
        registry.register(WatchRegistry.Kind.EXISTS, "/a", exists, ErrorCode.NO_NODE.code());
        registry.register(WatchRegistry.Kind.DATA, "/a", data, ErrorCode.NO_NODE.code());
        registry.register(WatchRegistry.Kind.CHILDREN, "/a", children, ErrorCode.NO_NODE.code());
        assertEquals(Set.of(), registry.trigger(WatchEvent.Type.NODE_CHILDREN_CHANGED, "/a"));
        assertEquals(Set.of(exists), registry.trigger(WatchEvent.Type.NODE_CREATED, "/a"));
        assertTrue(registry.isEmpty(), "one-shot: a fired watch is gone");
    }

    @Test
    void deletionFiresEveryTableAndAListenerOnlyOnce() {
        registry.register(WatchRegistry.Kind.DATA, "/a", data, 0);
        registry.register(WatchRegistry.Kind.EXISTS, "/a", data, 0);
        registry.register(WatchRegistry.Kind.CHILDREN, "/a", children, 0);
        assertEquals(Set.of(data), registry.trigger(WatchEvent.Type.NODE_DATA_CHANGED, "/a"));
        registry.register(WatchRegistry.Kind.DATA, "/a", data, 0);
        assertEquals(Set.of(data, children), registry.trigger(WatchEvent.Type.NODE_DELETED, "/a"));
        assertTrue(registry.isEmpty());
    }

    @Test
    void setWatchesSplitsLargeWatchSetsAndKeepsEveryPath() {
        String padding = "x".repeat(1000);
        int paths = 2 * WatchRegistry.SET_WATCHES_PATH_BYTES_MAX / 1000;
        for (int i = 0; i < paths; i++) {
            registry.register(WatchRegistry.Kind.CHILDREN, "/" + i + padding, children, 0);
        }
        registry.register(WatchRegistry.Kind.EXISTS, "/missing", exists, ErrorCode.NO_NODE.code());
        List<ZkRequest.SetWatches> requests = registry.setWatches(99);
        assertTrue(requests.size() >= 2, "split into " + requests.size());
        assertEquals(paths, requests.stream().mapToInt(r -> r.childWatches().size()).sum());
        assertEquals(List.of("/missing"), requests.get(0).existWatches());
        assertTrue(requests.stream().allMatch(r -> r.relativeZxid() == 99));
        assertEquals(List.of(), new WatchRegistry().setWatches(1));
    }
}
