package zoolog.protocol.coordclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CoordClientConfigTest {

    @Test
    void parsesHostsPortsAndBracketedIpv6() {
        assertEquals(List.of(InetSocketAddress.createUnresolved("zk1", 2181),
                        InetSocketAddress.createUnresolved("10.0.0.2", 2182),
                        InetSocketAddress.createUnresolved("::1", 2183)),
                CoordClientConfig.parseConnectString("zk1:2181, 10.0.0.2:2182,[::1]:2183"));
    }

    @Test
    void refusesWhatItCannotHonour() {
        assertThrows(IllegalArgumentException.class, () -> CoordClientConfig.parseConnectString("zk1:2181/kafka"));
        assertThrows(IllegalArgumentException.class, () -> CoordClientConfig.parseConnectString("zk1"));
        assertThrows(IllegalArgumentException.class, () -> CoordClientConfig.parseConnectString("zk1:http"));
        assertThrows(IllegalArgumentException.class, () -> CoordClientConfig.parseConnectString("zk1:70000"));
        assertThrows(IllegalArgumentException.class, () -> CoordClientConfig.of("zk1:2181", 0));
    }

    @Test
    void hostListVisitsEveryMemberOncePerRound() {
        List<InetSocketAddress> members = CoordClientConfig.parseConnectString("a:1,b:2,c:3");
        HostList hosts = new HostList(members, new SplittableRandom(7));
        List<InetSocketAddress> round = List.of(hosts.next(), hosts.next(), hosts.next());
        assertEquals(3, round.stream().distinct().count());
        assertEquals(round.get(0), hosts.next());
    }
}
