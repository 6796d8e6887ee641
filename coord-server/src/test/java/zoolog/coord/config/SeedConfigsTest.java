package zoolog.coord.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zoo.cfg files the seed documents show, parsed as written except that dataDir and dataLogDir
 * point into a temporary directory (so the test never creates /var/lib/zookeeper). Host names the
 * seeds map in /etc/hosts (zoo1, cdh1, ...) resolve only where a test says so.
 */
class SeedConfigsTest {

    @TempDir
    Path tmp;

    @Test
    void seed000SingleServerWithIdZeroRunsStandalone() throws IOException {
        writeMyid("0\n");
        CoordConfig config = ok("seed000-single.cfg", new FakeResolver());
        assertEquals(2000, config.tickTimeMillis());
        assertEquals(5, config.initLimitTicks());
        assertEquals(2, config.syncLimitTicks());
        assertEquals(List.of(new ServerSpec(0, "127.0.0.1", 2888, 3888, false)), config.servers());
        assertEquals(OptionalInt.of(0), config.myid());
        assertTrue(config.standalone());
    }

    @Test
    void seed000EnsembleByAddress() throws IOException {
        writeMyid("0");
        CoordConfig config = ok("seed000-ensemble.cfg", new FakeResolver());
        assertEquals(3, config.servers().size());
        assertEquals("172.18.135.121", config.self().orElseThrow().host());
        assertFalse(config.standalone());
    }

    @Test
    void seed001TrailingSpacesUnresolvedHostsAndMissingMyidAllAtOnce() throws IOException {
        String source = "seed001-cdh.cfg";
        ParseResult result = new ZooCfgParser(new FakeResolver()).parse(source, seedText(source));
        assertEquals(List.of(
                "seed001-cdh.cfg: tickTime: '2000  ' has a trailing space",
                "seed001-cdh.cfg: initLimit: '10  ' has a trailing space",
                "seed001-cdh.cfg: clientPort: '2181  ' has a trailing space",
                "seed001-cdh.cfg: server.1: host 'cdh1' cannot be resolved",
                "seed001-cdh.cfg: server.2: host 'cdh2' cannot be resolved",
                "seed001-cdh.cfg: server.3: host 'cdh3' cannot be resolved"),
                ZooCfgParserTest.lines(result.errors()));

        ParseResult withHosts = new ZooCfgParser(new FakeResolver("cdh1", "cdh2", "cdh3")).parse(source, seedText(source));
        assertEquals("seed001-cdh.cfg: myid: file " + tmp.resolve("data").resolve("myid")
                + " is missing (required when server.N lines are present)",
                ZooCfgParserTest.lines(withHosts.errors()).get(3));
    }

    @Test
    void seed002StandaloneWithSeparateLogDir() {
        CoordConfig config = ok("seed002-standalone.cfg", new FakeResolver());
        assertEquals(tmp.resolve("data"), config.dataDir());
        assertEquals(tmp.resolve("log"), config.dataLogDir());
        assertTrue(config.standalone());
    }

    @Test
    void seed002EnsembleAndPseudoEnsemble() throws IOException {
        writeMyid("2");
        assertEquals(3, ok("seed002-ensemble.cfg", new FakeResolver()).servers().size());
        List<ServerSpec> pseudo = ok("seed002-pseudo.cfg", new FakeResolver()).servers();
        assertEquals(List.of(2888, 2889, 2890), pseudo.stream().map(ServerSpec::quorumPort).toList());
    }

    @Test
    void seed003ObserverWithAllFourLetterWordsAndPurging() throws IOException {
        writeMyid("3");
        CoordConfig config = ok("seed003-observer.cfg", new FakeResolver());
        assertEquals(PeerType.OBSERVER, config.peerType());
        assertTrue(config.self().orElseThrow().observer());
        assertTrue(config.fourLetterWordAllowed("dump"));
        assertEquals(1, config.autopurgeIntervalHours());
        assertEquals(3, config.autopurgeSnapRetainCount());
        assertEquals(2381, config.clientPort());
    }

    @Test
    void seed003WhitelistWithBlanks() {
        CoordConfig config = ok("seed003-whitelist.cfg", new FakeResolver());
        assertEquals(Set.of("stat", "ruok", "conf", "isro", "srvr"), config.fourLetterWordWhitelist());
    }

    @Test
    void seed003ObserverSnippetAsPrintedIsRejectedClearly() {
        String source = "seed003-observer-typo.cfg";
        ParseResult result = new ZooCfgParser(new FakeResolver()).parse(source, seedText(source));
        assertEquals(List.of("seed003-observer-typo.cfg: server.n: 'n' is not a server id from 0 to 255"),
                ZooCfgParserTest.lines(result.errors()));
    }

    private CoordConfig ok(String name, HostResolver resolver) {
        ParseResult result = new ZooCfgParser(resolver).parse(name, seedText(name));
        assertEquals(List.of(), ZooCfgParserTest.lines(result.errors()));
        return result.config().orElseThrow();
    }

    private void writeMyid(String content) throws IOException {
        Files.createDirectories(tmp.resolve("data"));
        Files.writeString(tmp.resolve("data").resolve("myid"), content);
    }

    /** The seed file with its directories moved under the temporary directory. */
    private String seedText(String name) {
        try (InputStream in = getClass().getResourceAsStream("seeds/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replaceAll("(?m)^dataDir=.*$", "dataDir=" + tmp.resolve("data"))
                       .replaceAll("(?m)^dataLogDir=.*$", "dataLogDir=" + tmp.resolve("log"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
