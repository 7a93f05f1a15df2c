package org.xbar.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.xbar.io.CsvMatrix;
import org.xbar.io.OutputFiles;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.InputBatch;
import org.xbar.spice.CrossbarNetlist;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xbar export}: the ngspice netlist of a crossbar for one input vector. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes the ngspice netlist of a crossbar for one input vector.",
            "Drivers, source, wire, device and neuron resistances with the node names of DESIGN.md, a 0 V "
                + "source per column whose current is the column's output, a header stating every parameter, .op."})
final class ExportCommand implements Callable<Integer> {
    @Mixin
    CrossbarOptions crossbar;

    @Mixin
    DeviceOptions device;

    @Option(names = "--vector", defaultValue = "1", paramLabel = "K",
            description = "Which input vector of V.csv to export, counting from 1. Default: ${DEFAULT-VALUE}.")
    int vector;

    @Option(names = "--out", paramLabel = "FILE.cir", description = "Where to write the netlist (default: standard output).")
    Path out;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        if (out != null) {
            OutputFiles.check(out);
        }
        CrossbarSpec spec = crossbar.spec().withDevice(device.law());
        InputBatch inputs = crossbar.inputs(spec);
        if (vector < 1 || vector > inputs.size()) {
            throw new UsageException("--vector", vector + " is out of range: " + crossbar.inputs + " has "
                    + inputs.size() + " vector" + (inputs.size() == 1 ? "" : "s"));
        }
        String text = new CrossbarNetlist(spec, inputs.vector(vector - 1), crossbar.neurons()).text(List.of(
                "conductances: " + crossbar.conductances + (crossbar.negative == null ? "" : " and " + crossbar.negative)
                        + ", siemens; inputs: vector " + vector + " of " + crossbar.inputs));
        if (out == null) {
            command.commandLine().getOut().print(text);
            command.commandLine().getOut().flush();
        } else {
            CsvMatrix.writeAtomically(out, w -> w.write(text));
            command.commandLine().getOut().println("wrote " + out);
        }
        return 0;
    }
}
