package zoolog.broker.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The broker's pure cores, kept pure: the group coordinator and the partition log never reach
 * the network, the coordination server or the broker's wiring, and the group coordinator reads
 * no clock (time comes in as arguments), so tests drive them with explicit times.
 */
class BrokerLayeringTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("zoolog.broker");

    @Test
    void coresDoNotDependOnTheNetworkOrTheWiring() {
        noClasses().that().resideInAnyPackage("zoolog.broker.log..")
                .or().haveFullyQualifiedName("zoolog.broker.group.GroupCoordinator")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "zoolog.protocol.coordclient..",
                        "zoolog.broker.net..", "zoolog.broker.api..", "zoolog.broker.node..", "zoolog.broker.topic..",
                        "zoolog.broker.metadata..")
                .check(classes);
    }

    @Test
    void groupCoordinatorReadsNoClockAndNeverSleeps() {
        noClasses().that().haveFullyQualifiedName("zoolog.broker.group.GroupCoordinator")
                .or().haveFullyQualifiedName("zoolog.broker.group.Group")
                .or().haveFullyQualifiedName("zoolog.broker.group.GroupMember")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .orShould().callConstructor(Random.class)
                .check(classes);
    }
}
