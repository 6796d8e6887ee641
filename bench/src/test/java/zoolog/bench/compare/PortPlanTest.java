package zoolog.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PortPlanTest {

    @Test
    void standaloneTargetsKeepTheirOldPorts() {
        PortPlan plan = new PortPlan(21810, 1);
        assertEquals(List.of(21810, 21811), plan.allPorts(2));
        assertEquals(21811, plan.member(1, 0).clientPort());
    }

    @Test
    void ensembleMembersGetClientQuorumAndElectionPorts() {
        PortPlan plan = new PortPlan(21810, 3);
        assertEquals(new PortPlan.MemberPorts(21810, 21910, 21911), plan.member(0, 0));
        assertEquals(new PortPlan.MemberPorts(21814, 21918, 21919), plan.member(1, 1));
        assertEquals(18, plan.allPorts(2).size());
    }

    @Property
    void noTwoServersOfARunShareAPort(@ForAll @IntRange(min = 1, max = 9) int members,
            @ForAll @IntRange(min = 1, max = 4) int targets) {
        List<Integer> ports = new PortPlan(21810, members).allPorts(targets);
        assertEquals(ports.size(), new HashSet<>(ports).size(), ports.toString());
    }

    @Test
    void tooManyServersOrTooHighAPortAreProblems() {
        assertTrue(new PortPlan(21810, 9).problems(12).get(0).contains("more than 100 servers"));
        assertEquals(List.of(), new PortPlan(21810, 3).problems(2));
        assertEquals(1, new PortPlan(1000, 1).problems(1).size());
    }
}
