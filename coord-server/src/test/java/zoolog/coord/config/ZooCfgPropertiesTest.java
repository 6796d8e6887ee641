package zoolog.coord.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class ZooCfgPropertiesTest {

    /** Lines that are each wrong in exactly one way, independent of the others. */
    private static final Map<String, String> BAD_LINES = Map.ofEntries(
            Map.entry("tickTime", "tickTime=abc"),
            Map.entry("initLimit", "initLimit=0"),
            Map.entry("syncLimit", "syncLimit=5 "),
            Map.entry("clientPort", "clientPort=65536"),
            Map.entry("maxClientCnxns", "maxClientCnxns=-1"),
            Map.entry("snapCount", "snapCount=1"),
            Map.entry("jute.maxbuffer", "jute.maxbuffer=0xZZ"),
            Map.entry("autopurge.purgeInterval", "autopurge.purgeInterval=x"),
            Map.entry("peerType", "peerType=leader"),
            Map.entry("extendedTypesEnabled", "extendedTypesEnabled=on"),
            Map.entry("reconfigEnabled", "reconfigEnabled=1"),
            Map.entry("standaloneEnabled", "standaloneEnabled=yes"),
            Map.entry("clientPortAddress", "clientPortAddress=no.such.host"));

    private static Path dataDir;

    private final ZooCfgParser parser = new ZooCfgParser(new FakeResolver());

    @BeforeContainer
    static void createDataDir() throws IOException {
        dataDir = Files.createTempDirectory("zoo-cfg-properties");
    }

    @AfterContainer
    static void deleteDataDir() throws IOException {
        Files.deleteIfExists(dataDir);
    }

    @Property
    void sessionTimeoutBoundsDefaultToTwoAndTwentyTicks(@ForAll @IntRange(min = 1, max = 100_000) int tickTime) {
        CoordConfig config = parser.parse("zoo.cfg", "dataDir=" + dataDir + "\nclientPort=2181\ntickTime=" + tickTime)
                .config().orElseThrow();
        assertEquals(2 * tickTime, config.sessionTimeoutMillisMin());
        assertEquals(20 * tickTime, config.sessionTimeoutMillisMax());
    }

    /** However many independent mistakes a file has, each gets exactly one line naming its key. */
    @Property
    void everyMistakeIsReportedOnce(@ForAll("mistakes") Set<String> keys) {
        List<String> text = new ArrayList<>(List.of("dataDir=" + dataDir));
        if (!keys.contains("clientPort")) {
            text.add("clientPort=2181");
        }
        keys.forEach(key -> text.add(BAD_LINES.get(key)));
        ParseResult result = parser.parse("zoo.cfg", String.join("\n", text));
        List<String> blamed = result.errors().stream().map(ConfigProblem::key).sorted().toList();
        assertEquals(keys.stream().sorted().toList(), blamed, () -> String.join("\n", ZooCfgParserTest.lines(result.errors())));
    }

    @Provide
    Arbitrary<Set<String>> mistakes() {
        return Arbitraries.of(BAD_LINES.keySet()).set();
    }
}
