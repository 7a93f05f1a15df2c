package org.xbar.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbar.report.OperatingPointCsv;
import org.xbar.report.OutputFiles;
import org.xbar.spice.Ngspice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xbar ngspice}: runs ngspice on a netlist and writes its operating point as xbar writes its own. */
@Command(name = "ngspice", mixinStandardHelpOptions = true,
        description = {"Runs ngspice (batch mode) on a netlist and writes its operating point as CSV (node,value),",
            "in the same form as 'xbar solve --netlist': the golden files of netlists/ are made this way."})
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
    public Integer call() throws Exception {
        if (out != null) {
            OutputFiles.check(out);
        }
        String text = java.nio.file.Files.readString(NetlistFiles.existing(netlist), java.nio.charset.StandardCharsets.ISO_8859_1);
        Ngspice.Run run = Ngspice.find(Duration.ofSeconds(timeoutSeconds)).run(text);
        for (String w : run.warnings()) {
            command.commandLine().getErr().println("ngspice: " + w);
        }
        String summary = String.format(Locale.ROOT, "ngspice: %d values in %.3f s", run.operatingPoint().size(), run.nanos() * 1e-9);
        if (out == null) {
            command.commandLine().getOut().print(OperatingPointCsv.format(run.operatingPoint()));
            command.commandLine().getOut().flush();
            command.commandLine().getErr().println(summary);
        } else {
            OperatingPointCsv.write(out, run.operatingPoint());
            command.commandLine().getOut().println(summary + "; wrote " + out);
        }
        command.commandLine().getErr().flush();
        return 0;
    }
}
