package zoolog.coord.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooCfgParserTest {

    private static final String SOURCE = "conf/zoo.cfg";

    @TempDir
    Path tmp;

    private final ZooCfgParser parser = new ZooCfgParser(new FakeResolver("zoo1", "zoo2", "zoo3"));

    @Test
    void minimalStandaloneGetsZooKeeperDefaults() {
        CoordConfig config = ok("dataDir=" + tmp + "\nclientPort=2181\n");
        assertEquals(3000, config.tickTimeMillis());
        assertEquals(tmp, config.dataDir());
        assertEquals(tmp, config.dataLogDir());
        assertTrue(config.clientPortAddress().isAnyLocalAddress());
        assertEquals(2181, config.clientPort());
        assertEquals(6000, config.sessionTimeoutMillisMin());
        assertEquals(60000, config.sessionTimeoutMillisMax());
        assertEquals(60, config.clientConnectionsPerHostMax());
        assertEquals(Set.of("srvr"), config.fourLetterWordWhitelist());
        assertEquals(0, config.autopurgeIntervalHours());
        assertEquals(3, config.autopurgeSnapRetainCount());
        assertEquals(0xfffff, config.juteBufferBytesMax());
        assertEquals(100000, config.snapCount());
        assertEquals(10, config.initLimitTicks());
        assertEquals(5, config.syncLimitTicks());
        assertEquals(List.of(), config.servers());
        assertEquals(PeerType.PARTICIPANT, config.peerType());
        assertEquals(OptionalInt.empty(), config.myid());
        assertFalse(config.extendedTypesEnabled());
        assertFalse(config.reconfigEnabled());
        assertTrue(config.standaloneEnabled());
        assertTrue(config.standalone());
        assertEquals(tmp.resolve("zookeeper_server.pid"), config.pidFile());
        assertEquals(List.of("dataDir", "clientPort"), List.copyOf(config.rawProperties().keySet()));
    }

    @Test
    void everyKeyCanBeSet() throws IOException {
        Path logs = tmp.resolve("txlog");
        CoordConfig config = ok(String.join("\n",
                "tickTime=2000", "dataDir=" + tmp, "dataLogDir=" + logs, "clientPort=2281",
                "clientPortAddress=127.0.0.1", "minSessionTimeout=1000", "maxSessionTimeout=90000",
                "maxClientCnxns=0", "4lw.commands.whitelist=stat, ruok", "autopurge.purgeInterval=1",
                "autopurge.snapRetainCount=5", "jute.maxbuffer=0x400000", "snapCount=5000", "initLimit=20",
                "syncLimit=4", "extendedTypesEnabled=true", "reconfigEnabled=TRUE", "standaloneEnabled=false"));
        assertTrue(Files.isDirectory(logs), "dataLogDir is created");
        assertEquals(logs, config.dataLogDir());
        assertEquals("127.0.0.1", config.clientPortAddress().getHostAddress());
        assertEquals(1000, config.sessionTimeoutMillisMin());
        assertEquals(90000, config.sessionTimeoutMillisMax());
        assertEquals(0, config.clientConnectionsPerHostMax());
        assertEquals(Set.of("stat", "ruok", "srvr"), config.fourLetterWordWhitelist());
        assertEquals(1, config.autopurgeIntervalHours());
        assertEquals(5, config.autopurgeSnapRetainCount());
        assertEquals(0x400000, config.juteBufferBytesMax());
        assertEquals(5000, config.snapCount());
        assertEquals(20, config.initLimitTicks());
        assertEquals(4, config.syncLimitTicks());
        assertTrue(config.extendedTypesEnabled());
        assertTrue(config.reconfigEnabled());
        assertFalse(config.standaloneEnabled());
    }

    @Test
    void trailingSpaceAfterANumberIsNamed() {
        assertEquals(List.of("conf/zoo.cfg: clientPort: '2181 ' has a trailing space"),
                errors("dataDir=" + tmp + "\nclientPort=2181 \n"));
        assertEquals(List.of("conf/zoo.cfg: tickTime: '2000\t' has a trailing tab"),
                errors("dataDir=" + tmp + "\nclientPort=2181\ntickTime=2000\t\n"));
    }

    @Test
    void invisibleBlanksZooKeeperDoesNotTrimAreNamedByCodePoint() {
        assertEquals(List.of("conf/zoo.cfg: clientPort: '2181\u00A0' has a trailing non-breaking space (U+00A0)"),
                errors("dataDir=" + tmp + "\nclientPort=2181\u00A0\n"));
        assertEquals(List.of("conf/zoo.cfg: clientPort: '2181\u3000' has a trailing full-width space (U+3000)"),
                errors("dataDir=" + tmp + "\nclientPort=2181\u3000\n"));
        assertEquals(List.of("conf/zoo.cfg: clientPort: '\u00A02181' has a leading non-breaking space (U+00A0)"),
                errors("dataDir=" + tmp + "\nclientPort=\u00A02181\n"));
    }

    @Test
    void trailingSpaceAfterAServerLineIsNamed() throws IOException {
        writeMyid("1");
        assertEquals(List.of("conf/zoo.cfg: server.1: 'zoo1:2888:3888 ' has a trailing space"),
                errors("dataDir=" + tmp + "\nclientPort=2181\nserver.1=zoo1:2888:3888 \nserver.2=zoo2:2888:3888\n"));
    }

    @Test
    void invalidNumbersAndPortsAreErrors() {
        String base = "dataDir=" + tmp + "\n";
        assertEquals(List.of("conf/zoo.cfg: tickTime: 'abc' is not a whole number"),
                errors(base + "clientPort=2181\ntickTime=abc"));
        assertEquals(List.of("conf/zoo.cfg: tickTime: 0 is too small (the minimum is 1)"),
                errors(base + "clientPort=2181\ntickTime=0"));
        assertEquals(List.of("conf/zoo.cfg: clientPort: 70000 is not a port number (1-65535)"),
                errors(base + "clientPort=70000"));
        assertEquals(List.of("conf/zoo.cfg: clientPort: '99999999999' is too large"),
                errors(base + "clientPort=99999999999"));
        assertEquals(List.of("conf/zoo.cfg: snapCount: has no value"),
                errors(base + "clientPort=2181\nsnapCount="));
        assertEquals(List.of("conf/zoo.cfg: extendedTypesEnabled: 'yes' is neither true nor false"),
                errors(base + "clientPort=2181\nextendedTypesEnabled=yes"));
    }

    @Test
    void minSessionTimeoutAboveMaxIsAnError() {
        assertEquals(List.of("conf/zoo.cfg: maxSessionTimeout: minSessionTimeout 30000 is greater than maxSessionTimeout 20000"),
                errors("dataDir=" + tmp + "\nclientPort=2181\nminSessionTimeout=30000\nmaxSessionTimeout=20000"));
        assertEquals(List.of("conf/zoo.cfg: maxSessionTimeout: minSessionTimeout 4000 (2 × tickTime) is greater than maxSessionTimeout 3000"),
                errors("dataDir=" + tmp + "\nclientPort=2181\ntickTime=2000\nmaxSessionTimeout=3000"));
    }

    @Test
    void unknownAndRepeatedKeysAreWarningsOnly() {
        ParseResult result = parser.parse(SOURCE, "dataDir=" + tmp + "\nclientPort=2181\nfoo=bar\nclientPort=2182\n");
        assertTrue(result.ok());
        assertEquals(2182, result.config().orElseThrow().clientPort());
        assertEquals(List.of(
                "conf/zoo.cfg: clientPort: appears on line 2 and again on line 4; the last one wins",
                "conf/zoo.cfg: foo: unknown key ignored"), lines(result.warnings()));
    }

    @Test
    void requiredKeysAreNamedWhenMissing() {
        assertEquals(List.of("conf/zoo.cfg: dataDir: missing (required)",
                        "conf/zoo.cfg: clientPort: missing (required unless this server's server.N line ends with ;clientPort)"),
                errors("tickTime=2000\n"));
    }

    @Test
    void dataDirThatCannotBeCreatedIsAnError() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        List<String> errors = errors("dataDir=" + file.resolve("zk") + "\nclientPort=2181\n");
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("conf/zoo.cfg: dataDir: " + file.resolve("zk") + " cannot be created: "),
                errors.get(0));
        assertEquals(List.of("conf/zoo.cfg: dataLogDir: " + file + " exists but is not a directory"),
                errors("dataDir=" + tmp + "\ndataLogDir=" + file + "\nclientPort=2181\n"));
    }

    @Test
    void relativeDataDirResolvesAgainstTheWorkingDirectory() throws IOException {
        Path relative = Path.of("target", "zoo-cfg-test-" + ProcessHandle.current().pid());
        try {
            CoordConfig config = ok("dataDir=" + relative + "\nclientPort=2181\n");
            assertEquals(relative.toAbsolutePath().normalize(), config.dataDir());
            assertTrue(Files.isDirectory(config.dataDir()));
        } finally {
            Files.deleteIfExists(relative);
        }
    }

    @Test
    void allProblemsAreReportedAtOnceInFileOrder() {
        assertEquals(List.of(
                "conf/zoo.cfg: tickTime: 'x' is not a whole number",
                "conf/zoo.cfg: initLimit: '10 ' has a trailing space",
                "conf/zoo.cfg: clientPort: 0 is not a port number (1-65535)",
                "conf/zoo.cfg: peerType: 'leader' is neither participant nor observer",
                "conf/zoo.cfg: dataDir: missing (required)"),
                errors("tickTime=x\ninitLimit=10 \nclientPort=0\npeerType=leader\n"));
    }

    @Test
    void ensembleWithMyidReadsServersAndSelf() throws IOException {
        writeMyid("2\n");
        CoordConfig config = ok("dataDir=" + tmp + "\nclientPort=2181\nserver.1=zoo1:2888:3888\n"
                + "server.3=zoo3:2888:3888:observer\nserver.2=zoo2:2888:3888\n");
        assertEquals(List.of(
                new ServerSpec(1, "zoo1", 2888, 3888, false),
                new ServerSpec(2, "zoo2", 2888, 3888, false),
                new ServerSpec(3, "zoo3", 2888, 3888, true)), config.servers());
        assertEquals(OptionalInt.of(2), config.myid());
        assertEquals(2, config.self().orElseThrow().id());
        assertFalse(config.standalone());
    }

    @Test
    void singleParticipantRunsStandaloneUnlessDisabled() throws IOException {
        writeMyid("0");
        String text = "dataDir=" + tmp + "\nclientPort=2181\nserver.0=127.0.0.1:2888:3888\n";
        assertTrue(ok(text).standalone());
        assertFalse(ok(text + "standaloneEnabled=false\n").standalone());
    }

    @Test
    void unresolvableHostIsAnError() throws IOException {
        writeMyid("1");
        assertEquals(List.of("conf/zoo.cfg: server.2: host 'nosuchhost' cannot be resolved"),
                errors("dataDir=" + tmp + "\nclientPort=2181\nserver.1=zoo1:2888:3888\nserver.2=nosuchhost:2888:3888\n"));
        assertEquals(List.of("conf/zoo.cfg: clientPortAddress: host 'nosuchhost' cannot be resolved"),
                errors("dataDir=" + tmp + "\nclientPort=2181\nclientPortAddress=nosuchhost\n"));
    }

    @Test
    void systemResolverRejectsReservedInvalidDomain() {
        ParseResult result = ZooCfgParser.withSystemResolver().parse(SOURCE,
                "dataDir=" + tmp + "\nclientPort=2181\nclientPortAddress=nosuchhost.invalid\n");
        assertEquals(List.of("conf/zoo.cfg: clientPortAddress: host 'nosuchhost.invalid' cannot be resolved"),
                lines(result.errors()));
    }

    @Test
    void badServerIdsAndClashingAddressesAreErrors() throws IOException {
        writeMyid("1");
        assertEquals(List.of(
                "conf/zoo.cfg: server.256: '256' is not a server id from 0 to 255",
                "conf/zoo.cfg: server.n: 'n' is not a server id from 0 to 255",
                "conf/zoo.cfg: server.3: address localhost:2888 is also used by server.1",
                "conf/zoo.cfg: server.01: server id 1 is given twice"),
                errors("dataDir=" + tmp + "\nclientPort=2181\nserver.1=localhost:2888:3888\n"
                        + "server.256=localhost:2889:3889\nserver.n=localhost:2890:3890\nserver.3=localhost:2888:3999\n"
                        + "server.01=localhost:2891:3891\n"));
    }

    @Test
    void missingMyidIsNamedWithItsPath() {
        assertEquals(List.of("conf/zoo.cfg: myid: file " + tmp.resolve("myid")
                        + " is missing (required when server.N lines are present)"),
                errors("dataDir=" + tmp + "\nclientPort=2181\nserver.1=zoo1:2888:3888\nserver.2=zoo2:2888:3888\n"));
    }

    @Test
    void myidMustBeAnIdWithAServerLine() throws IOException {
        String text = "dataDir=" + tmp + "\nclientPort=2181\nserver.1=zoo1:2888:3888\nserver.2=zoo2:2888:3888\n";
        writeMyid("one");
        assertEquals(List.of("conf/zoo.cfg: myid: file " + tmp.resolve("myid") + " holds 'one', not a server id from 0 to 255"),
                errors(text));
        writeMyid("4");
        assertEquals(List.of("conf/zoo.cfg: myid: this server's id is 4 (from " + tmp.resolve("myid")
                + ") but there is no server.4 line"), errors(text));
    }

    @Test
    void clientPortMayComeFromTheServerLine() throws IOException {
        writeMyid("1");
        String servers = "server.1=zoo1:2888:3888;127.0.0.1:2281\nserver.2=zoo2:2888:3888;2282\n";
        CoordConfig config = ok("dataDir=" + tmp + "\n" + servers);
        assertEquals(2281, config.clientPort());
        assertEquals("127.0.0.1", config.clientPortAddress().getHostAddress());
        assertEquals(List.of("conf/zoo.cfg: clientPort: 2181 differs from the client port 2281 in server.1"),
                errors("dataDir=" + tmp + "\nclientPort=2181\n" + servers));
    }

    @Test
    void peerTypeFollowsTheServerLine() throws IOException {
        writeMyid("3");
        ParseResult result = parser.parse(SOURCE, "dataDir=" + tmp + "\nclientPort=2181\npeerType=observer\n"
                + "server.1=zoo1:2888:3888\nserver.2=zoo2:2888:3888\nserver.3=zoo3:2888:3888\n");
        assertEquals(PeerType.PARTICIPANT, result.config().orElseThrow().peerType());
        assertEquals(List.of("conf/zoo.cfg: peerType: observer does not match server.3 (participant); using participant"),
                lines(result.warnings()));
    }

    @Test
    void everyServerBeingAnObserverIsAnError() throws IOException {
        writeMyid("1");
        assertEquals(List.of("conf/zoo.cfg: server.N: every server is an observer; at least one must be a participant"),
                errors("dataDir=" + tmp + "\nclientPort=2181\nserver.1=zoo1:2888:3888:observer\n"));
    }

    @Test
    void whitelistAcceptsStarAndWarnsAboutUnknownWords() {
        CoordConfig all = ok("dataDir=" + tmp + "\nclientPort=2181\n4lw.commands.whitelist=*\n");
        assertTrue(all.fourLetterWordAllowed("dump"));
        ParseResult some = parser.parse(SOURCE, "dataDir=" + tmp + "\nclientPort=2181\n4lw.commands.whitelist=stat,, bogus\n");
        CoordConfig config = some.config().orElseThrow();
        assertTrue(config.fourLetterWordAllowed("stat"));
        assertTrue(config.fourLetterWordAllowed("srvr"), "srvr is always on");
        assertFalse(config.fourLetterWordAllowed("dump"));
        assertEquals(List.of("conf/zoo.cfg: 4lw.commands.whitelist: unknown four-letter word 'bogus' ignored"),
                lines(some.warnings()));
    }

    @Test
    void snapRetainCountBelowThreeIsRaisedWithAWarning() {
        ParseResult result = parser.parse(SOURCE, "dataDir=" + tmp + "\nclientPort=2181\nautopurge.snapRetainCount=2\n");
        assertEquals(3, result.config().orElseThrow().autopurgeSnapRetainCount());
        assertEquals(List.of("conf/zoo.cfg: autopurge.snapRetainCount: 2 is below the minimum 3; using 3"),
                lines(result.warnings()));
    }

    @Test
    void extendedTypesAcceptTheSystemPropertyName() {
        assertTrue(ok("dataDir=" + tmp + "\nclientPort=2181\nzookeeper.extendedTypesEnabled=true\n").extendedTypesEnabled());
    }

    @Test
    void unreadableFileIsOneLine() {
        Path missing = tmp.resolve("nope.cfg");
        ParseResult result = parser.parse(missing);
        assertEquals(List.of(missing + ": cannot be read: No such file or directory"), lines(result.errors()));
        assertEquals(List.of(tmp + ": is a directory, not a zoo.cfg file"), lines(parser.parse(tmp).errors()));
    }

    @Test
    void problemsNameTheFileAsGiven() throws IOException {
        Path file = Files.writeString(tmp.resolve("zoo.cfg"), "dataDir=" + tmp + "\nclientPort=x\n");
        assertEquals(List.of(file + ": clientPort: 'x' is not a whole number"), lines(parser.parse(file).errors()));
    }

    private void writeMyid(String content) throws IOException {
        Files.writeString(tmp.resolve("myid"), content);
    }

    private CoordConfig ok(String text) {
        ParseResult result = parser.parse(SOURCE, text);
        assertEquals(List.of(), lines(result.errors()));
        return result.config().orElseThrow();
    }

    private List<String> errors(String text) {
        ParseResult result = parser.parse(SOURCE, text);
        assertTrue(result.config().isEmpty());
        return lines(result.errors());
    }

    static List<String> lines(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::line).toList();
    }
}
