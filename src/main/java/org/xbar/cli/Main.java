package org.xbar.cli;

import java.io.PrintWriter;
import org.xbar.error.InputFormatException;
import org.xbar.error.InvalidParameterException;
import org.xbar.error.OutputFileException;
import org.xbar.error.XbarException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code xbar} command line. Exit codes: 0 success; 2 bad usage or bad input (the message
 * names the flag, or the file, line and column; a circuit that cannot be solved as given, such as a
 * floating node, is bad input too) or an output path xbar does not write (a FIFO, a device, a
 * directory, a read-only file: the message names it); 1 a failure while computing.
 */
@Command(name = "xbar", mixinStandardHelpOptions = true, version = "xbar 0.1.0",
        description = "Circuit-level solver for memristive crossbar arrays: exact nodal analysis, the analytical"
                + " non-ideality model and the ideal product, side by side.",
        subcommands = {SolveCommand.class, CompareCommand.class, ExportCommand.class, CheckCommand.class,
            NgspiceCommand.class, ValidateCommand.class, NetworkCommand.class, InferCommand.class, TrainCommand.class, PhaxTrainCommand.class, StudyCommand.class, LoadingCommand.class, FitInverterCommand.class, SweepCommand.class, DemoCommand.class, BenchCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad usage or bad input. */
    static final int BAD_INPUT = 2;
    /** Exit code for a failure while computing. */
    static final int FAILURE = 1;

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: solve, compare, export, check, ngspice, validate, network, infer, train, phax-train, study, loading, sweep, demo or bench");
    }

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line without exiting, for tests and embedding.
     *
     * @param args arguments
     * @param out  standard output
     * @param err  standard error
     * @return the exit code
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String name = commandLine.getCommandName();
            if (e instanceof InputFormatException || e instanceof InvalidParameterException || e instanceof UsageException
                    || e instanceof org.xbar.error.SingularCircuitException || e instanceof OutputFileException) {
                err.println("xbar " + name + ": " + e.getMessage());
                err.flush();
                return BAD_INPUT;
            }
            if (e instanceof XbarException) {
                err.println("xbar " + name + ": error: " + e.getMessage());
                err.flush();
                return FAILURE;
            }
            err.println("xbar " + name + ": internal error: " + e);
            e.printStackTrace(err);
            err.flush();
            return FAILURE;
        });
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine where = e.getCommandLine();
            boolean top = where.getParent() == null;
            err.println("xbar" + (top ? "" : " " + where.getCommandName()) + ": " + e.getMessage() + " (see: xbar "
                    + (top ? "" : where.getCommandName() + " ") + "--help)");
            err.flush();
            return BAD_INPUT;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("xbar: out of memory; give the JVM more heap (JAVA_OPTS=-Xmx8g ./xbar ...) or solve a smaller crossbar");
            err.flush();
            return FAILURE;
        }
    }
}
