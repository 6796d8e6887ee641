package zoolog.protocol.zk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The round-trip, fuzz and Apache-compatibility properties are only as complete as their
 * generators. This walks the sealed hierarchies and fails when a new record type has no generator,
 * so a type added to ZkRequest/ZkResponse cannot silently escape those properties.
 */
class ZkArbitrariesCoverageTest {

    private static final int SAMPLES = 1500;

    @Test
    void everyRequestTypeIsGenerated() {
        Set<Class<?>> seen = new HashSet<>();
        ZkArbitraries.requests().sampleStream().limit(SAMPLES).forEach(request -> {
            seen.add(request.getClass());
            if (request instanceof ZkRequest.Multi multi) {
                multi.ops().forEach(op -> seen.add(op.getClass()));
            }
        });
        assertEquals(names(ZkRequest.class.getPermittedSubclasses()), names(seen.toArray(Class<?>[]::new)));
    }

    @Test
    void everyResponseAndMultiResultTypeIsGenerated() {
        Set<Class<?>> responses = new HashSet<>();
        Set<Class<?>> results = new HashSet<>();
        ZkArbitraries.responses().sampleStream().limit(SAMPLES).forEach(response -> {
            responses.add(response.getClass());
            if (response instanceof ZkResponse.Multi multi) {
                multi.results().forEach(result -> results.add(result.getClass()));
            }
        });
        assertEquals(names(ZkResponse.class.getPermittedSubclasses()), names(responses.toArray(Class<?>[]::new)));
        assertEquals(names(ZkResponse.OpResult.class.getPermittedSubclasses()), names(results.toArray(Class<?>[]::new)));
    }

    private static Set<String> names(Class<?>[] classes) {
        return Arrays.stream(classes).map(Class::getSimpleName).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
