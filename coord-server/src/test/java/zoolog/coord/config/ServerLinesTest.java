package zoolog.coord.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import zoolog.coord.config.CfgKey.Converted;

class ServerLinesTest {

    @Test
    void readsTheSeedForms() {
        assertEquals(new ServerLines.Address("cdh1", 2888, 3888, false, "", 0), ok("cdh1:2888:3888"));
        assertEquals(new ServerLines.Address("192.168.8.14", 2382, 2383, true, "", 0),
                ok("192.168.8.14:2382:2383:observer"));
        assertEquals(new ServerLines.Address("h", 2888, 3888, false, "", 2181), ok("h:2888:3888:participant;2181"));
        assertEquals(new ServerLines.Address("h", 2888, 3888, false, "0.0.0.0", 2181), ok("h:2888:3888;0.0.0.0:2181"));
        assertEquals(new ServerLines.Address("::1", 2888, 3888, false, "::1", 2181), ok("[::1]:2888:3888;[::1]:2181"));
    }

    @Test
    void explainsWhatIsWrong() {
        assertEquals("'cdh1:2888' is not of the form " + ServerLines.FORM, bad("cdh1:2888"));
        assertEquals("'cdh1' is not of the form " + ServerLines.FORM, bad("cdh1"));
        assertEquals("quorum port '28a8' is not a whole number", bad("h:28a8:3888"));
        assertEquals("election port 70000 is not a port number (1-65535)", bad("h:2888:70000"));
        assertEquals("quorum port and election port are both 2888", bad("h:2888:2888"));
        assertEquals("role 'obsrver' is neither participant nor observer", bad("h:2888:3888:obsrver"));
        assertEquals("client port 'x' is not a whole number", bad("h:2888:3888;x"));
        assertTrue(bad("a:1:2|b:1:2").contains("'|'"));
    }

    @Property
    void anyWellFormedLineReadsBack(@ForAll @IntRange(min = 1, max = 65535) int quorumPort,
                                   @ForAll @IntRange(min = 1, max = 65535) int electionPort,
                                   @ForAll boolean observer,
                                   @ForAll @IntRange(min = 0, max = 65535) int clientPort) {
        if (quorumPort == electionPort) {
            return;
        }
        String line = "zoo1:" + quorumPort + ":" + electionPort + (observer ? ":observer" : "")
                + (clientPort > 0 ? ";" + clientPort : "");
        assertEquals(new ServerLines.Address("zoo1", quorumPort, electionPort, observer, "", clientPort), ok(line));
    }

    private static ServerLines.Address ok(String raw) {
        Converted<ServerLines.Address> read = ServerLines.read(raw);
        assertTrue(read.ok(), () -> raw + ": " + read.problem());
        return read.value();
    }

    private static String bad(String raw) {
        Converted<ServerLines.Address> read = ServerLines.read(raw);
        assertTrue(!read.ok(), () -> raw + " should be rejected");
        return read.problem();
    }
}
