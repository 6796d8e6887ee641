package zoolog.coord.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import zoolog.coord.tools.DumpLogCommand;
import zoolog.coord.tools.DumpSnapshotCommand;

/**
 * The {@code coord-server} command line: one picocli command whose subcommands are the server's
 * verbs ({@code start-foreground}, tools such as {@code dump-log}). To add a verb, write a picocli
 * {@code @Command} class and list it in {@code subcommands} below. Errors are one line unless
 * {@code --verbose} (accepted anywhere) asks for the stack trace. Exit codes: {@value #EXIT_OK}
 * success, {@value #EXIT_FAILURE} failure, {@value #EXIT_USAGE} bad arguments or configuration.
 */
@Command(name = "coord-server",
        description = "Zoolog coordination server (ZooKeeper-compatible).",
        subcommands = {StartForegroundCommand.class, DumpLogCommand.class, DumpSnapshotCommand.class, HelpCommand.class})
public final class CoordServerMain implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(args, out, err));
    }

    /** Runs the command line with the given streams and returns the exit code (no System.exit). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new CoordServerMain());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(CoordServerMain::onFailure);
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    private static int onFailure(Exception failure, CommandLine commandLine, CommandLine.ParseResult parsed) {
        PrintWriter err = commandLine.getErr();
        String message = failure.getMessage() == null ? failure.getClass().getName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        err.println("coord-server " + commandLine.getCommandName() + ": " + message);
        if (verbose(parsed)) {
            failure.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILURE;
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
