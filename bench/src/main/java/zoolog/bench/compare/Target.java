package zoolog.bench.compare;

import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A coordination server the comparison can start: Apache ZooKeeper 3.9 from the bench classpath
 * (the baseline) or Zoolog's coordination server from {@code coord-server/target}. The command-line
 * name is what reports and file names use.
 */
public enum Target {
    APACHE_ZOOKEEPER("apache-zookeeper"),
    ZOOLOG("zoolog");

    private final String cliName;

    Target(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** Parses {@code apache-zookeeper} or {@code zoolog} for picocli. */
    public static final class Converter implements ITypeConverter<Target> {
        @Override
        public Target convert(String value) {
            for (Target target : values()) {
                if (target.cliName.equalsIgnoreCase(value.trim())) {
                    return target;
                }
            }
            throw new TypeConversionException("'" + value + "' is not a target; choose from "
                    + Arrays.stream(values()).map(Target::cliName).collect(Collectors.joining(", ")));
        }
    }
}
