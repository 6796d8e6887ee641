package zoolog.faults.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bin/faults} command: {@code coord} runs the harness against a coordination ensemble,
 * {@code check} runs the checkers again over a saved history. Picocli parses the command line once,
 * at the edge, into a {@link zoolog.faults.run.RunSpec}.
 */
@Command(name = "faults", mixinStandardHelpOptions = true, subcommands = {CoordCommand.class, CheckCommand.class},
        description = "Jepsen-style fault testing of a ZooKeeper-compatible ensemble on one machine.")
public final class FaultsMain implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The parser with every subcommand; enum values are accepted in any case. */
    public static CommandLine commandLine() {
        return new CommandLine(new FaultsMain()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
