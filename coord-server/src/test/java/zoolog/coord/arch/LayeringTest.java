package zoolog.coord.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The layering STYLE.md promises, enforced: the pure core packages never touch sockets, disks,
 * threads or clocks, so the same code runs under the real adapters and under simulation.
 */
class LayeringTest {

    private static final String[] CORE = {
        "zoolog.coord.core..", "zoolog.coord.tree..", "zoolog.coord.ops..", "zoolog.coord.session..",
        "zoolog.coord.watch..", "zoolog.coord.acl..", "zoolog.coord.zab.."
    };

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("zoolog.coord");

    @Test
    void coreDoesNotDependOnNettyRocksDbOrAdapters() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.netty..", "org.rocksdb..", "zoolog.coord.net..", "zoolog.coord.store..",
                        "zoolog.coord.node..", "zoolog.coord.cli..", "zoolog.coord.config..")
                .check(classes);
    }

    @Test
    void coreReadsNoClockAndNeverSleeps() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .orShould().callConstructor(Random.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Instant")
                .check(classes);
    }

    /** The one concurrent class allowed is the JVM-wide ACL intern table (Acls), shared by servers in tests. */
    @Test
    void coreStartsNoThreads() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("java.util.concurrent..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(ConcurrentHashMap.class))))
                .orShould().callConstructor(Thread.class, Runnable.class)
                .check(classes);
    }
}
