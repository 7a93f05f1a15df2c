package org.xbar.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbar.io.OutputFiles;
import org.xbar.report.OperatingPointCsv;
import org.xbar.spice.Netlist;
import org.xbar.spice.NetlistWriter;
import org.xbar.spice.Ngspice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code xbar ngspice}: runs ngspice on a netlist and writes its operating point as xbar writes its
 * own. ngspice receives the circuit xbar's reader built, written anew ({@link NetlistWriter#forNgspice}),
 * never the file: what the reader refuses is refused here too, and what it skips (control blocks,
 * {@code *#} lines, analysis cards) never reaches ngspice.
 */
@Command(name = "ngspice", mixinStandardHelpOptions = true,
        description = {"Runs ngspice (batch mode) on a netlist and writes its operating point as CSV (node,value), in "
                + "the same form as 'xbar solve --netlist': the golden files of netlists/ are made this way. "
                + "ngspice receives the circuit as xbar's netlist reader read it, written anew, never the file "
                + "itself: a netlist that solve and check refuse is refused here too, and the cards they skip with "
                + "a warning (.control blocks, *# lines, analysis and output cards) never reach ngspice, so "
                + "checking a netlist runs no command and reads no other file."})
final class NgspiceCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.cir", description = "The netlist.")
    Path netlist;

    @Option(names = "--out", paramLabel = "OUT.csv", description = "Where to write (default: standard output).")
    Path out;

    @Option(names = "--timeout", defaultValue = "600", description = "Seconds ngspice may take. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        if (out != null) {
            OutputFiles.check(out);
        }
        Netlist parsed = NetlistFiles.read(netlist);
        for (String warning : parsed.warnings()) {
            command.commandLine().getErr().println("xbar ngspice: warning: " + warning);
        }
        NetlistWriter writer = new NetlistWriter(parsed.circuit());
        Ngspice.Run run = Ngspice.find(Duration.ofSeconds(timeoutSeconds)).run(writer.write(parsed.title(),
                List.of("written by xbar from " + netlist + " (the circuit its reader read; no other card)"),
                parsed.options()));
        for (String w : run.warnings()) {
            command.commandLine().getErr().println("ngspice: " + w);
        }
        // ngspice names what the writer wrote; give every value the name it has in the netlist read
        // (an inductor, written as a 0 V source v_<name>, is reported as i(<name>), as xbar solve reports it)
        java.util.Map<String, String> written = org.xbar.study.NgspiceCheck.aliases(parsed.circuit(), writer);
        java.util.Map<String, String> original = new java.util.HashMap<>();
        written.forEach((ours, theirs) -> original.put(theirs, ours));
        java.util.Map<String, Double> values = new java.util.LinkedHashMap<>();
        run.operatingPoint().forEach((name, value) -> values.put(original.getOrDefault(name, name), value));
        String summary = String.format(Locale.ROOT, "ngspice: %d values in %.3f s", values.size(), run.nanos() * 1e-9);
        if (out == null) {
            command.commandLine().getOut().print(OperatingPointCsv.format(values));
            command.commandLine().getOut().flush();
            command.commandLine().getErr().println(summary);
        } else {
            OperatingPointCsv.write(out, values);
            command.commandLine().getOut().println(summary + "; wrote " + out);
        }
        command.commandLine().getErr().flush();
        return 0;
    }
}
