package zoolog.bench.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * Which 127.0.0.1 ports each server of a run listens on, so that no two servers of one run share a
 * port even though they run one target after the other (a port a stopped server held may linger in
 * TIME_WAIT). Member {@code m} of target {@code t} is server number {@code g = t × membersPerTarget + m}:
 * <pre>
 *   client port    basePort + g                          basePort .. basePort+99
 *   quorum port    basePort + PEER_PORT_OFFSET + 2g      (ensembles only)
 *   election port  basePort + PEER_PORT_OFFSET + 2g + 1  (ensembles only)
 * </pre>
 * With the default {@code --port 21810} and one standalone server per target this is 21810, 21811,
 * as before ensembles existed. Immutable.
 */
public record PortPlan(int basePort, int membersPerTarget) {

    /** Client ports take the first hundred ports from the base, peer ports the ones after. */
    public static final int PEER_PORT_OFFSET = 100;
    /** Servers one run may start in all: every one needs a client port below the peer ports. */
    public static final int SERVERS_MAX = PEER_PORT_OFFSET;
    /** The lowest port a run may use: below it are the privileged ports. */
    public static final int PORT_MIN = 1024;
    public static final int PORT_MAX = 65535;

    /** The client, quorum and election port of one member; the last two are unused by a standalone server. */
    public record MemberPorts(int clientPort, int quorumPort, int electionPort) {
    }

    public MemberPorts member(int targetIndex, int memberIndex) {
        int server = targetIndex * membersPerTarget + memberIndex;
        int quorumPort = basePort + PEER_PORT_OFFSET + 2 * server;
        return new MemberPorts(basePort + server, quorumPort, quorumPort + 1);
    }

    /** Every port a run of {@code targets} targets listens on, in server order. */
    public List<Integer> allPorts(int targets) {
        List<Integer> ports = new ArrayList<>();
        for (int target = 0; target < targets; target++) {
            for (int member = 0; member < membersPerTarget; member++) {
                MemberPorts memberPorts = member(target, member);
                ports.add(memberPorts.clientPort());
                if (membersPerTarget > 1) {
                    ports.add(memberPorts.quorumPort());
                    ports.add(memberPorts.electionPort());
                }
            }
        }
        return ports;
    }

    /** Why this plan cannot serve {@code targets} targets, or empty when it can. */
    public List<String> problems(int targets) {
        List<String> problems = new ArrayList<>();
        int servers = targets * membersPerTarget;
        if (servers > SERVERS_MAX) {
            problems.add(targets + " targets × " + membersPerTarget + " members is more than " + SERVERS_MAX + " servers");
            return problems;
        }
        int highest = allPorts(targets).stream().mapToInt(Integer::intValue).max().orElse(basePort);
        if (basePort < PORT_MIN || highest > PORT_MAX) {
            problems.add("--port must leave room for ports " + basePort + ".." + highest + " between " + PORT_MIN
                    + " and " + PORT_MAX + ", not " + basePort);
        }
        return problems;
    }
}
