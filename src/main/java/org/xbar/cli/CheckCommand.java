package org.xbar.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbar.spice.Netlist;
import org.xbar.spice.Ngspice;
import org.xbar.study.NgspiceCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code xbar check}: one netlist solved by xbar and by ngspice, compared node by node. Both solve
 * the circuit xbar's reader built; ngspice receives it written anew by {@link org.xbar.spice.NetlistWriter},
 * never the file.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Solves a netlist in xbar and in ngspice and compares every node voltage and source current.",
            "Passes when |xbar - ngspice| <= 1e-6 * max(|xbar|, |ngspice|) + 1e-9 V (1e-12 A); exit code 1 "
                + "otherwise. ngspice receives the circuit as xbar's netlist reader read it, written anew, never "
                + "the file itself: the cards the reader skips with a warning (.control blocks, *# lines, analysis "
                + "and output cards) never reach ngspice, so checking a netlist runs no command and reads no other "
                + "file."})
final class CheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.cir", description = "The netlist.")
    Path netlist;

    @Option(names = "--timeout", defaultValue = "600", description = "Seconds ngspice may take. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Netlist parsed = NetlistFiles.read(netlist);
        for (String warning : parsed.warnings()) {
            command.commandLine().getErr().println("xbar check: warning: " + warning);
        }
        NgspiceCheck.Outcome outcome = NgspiceCheck.check(parsed.circuit(), parsed.title(), List.of("checked by xbar: " + netlist),
                parsed.options(), Ngspice.find(Duration.ofSeconds(timeoutSeconds)));
        for (String w : outcome.spiceWarnings()) {
            command.commandLine().getErr().println("ngspice: " + w);
        }
        command.commandLine().getOut().printf(Locale.ROOT, "%s: %s; ngspice %.3f s, xbar %.3f s%n", netlist,
                outcome.result().summary(), outcome.ngspiceNanos() * 1e-9, outcome.xbarNanos() * 1e-9);
        command.commandLine().getOut().flush();
        return outcome.passed() ? 0 : Main.FAILURE;
    }
}
