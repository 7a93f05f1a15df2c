package org.xbar.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbar.compare.ErrorMetrics;
import org.xbar.model.AnalyticalModel;
import org.xbar.model.IdealModel;
import org.xbar.model.OutputModel;
import org.xbar.report.TextTable;
import org.xbar.results.OutputBatch;
import org.xbar.spec.CrossbarSpec;
import org.xbar.solve.OutputMethod;
import org.xbar.spec.InputBatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xbar compare}: how far the analytical model and the ideal product are from the exact solve. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares the analytical model and the ideal product with the exact nodal solve.",
            "Prints NRMSD (range- and mean-normalized) and the worst absolute and relative errors."})
final class CompareCommand implements Callable<Integer> {
    @Mixin
    CrossbarOptions crossbar;

    @Mixin
    DeviceOptions device;

    @Option(names = "--solver", defaultValue = "iterative", paramLabel = "SOLVER",
            description = "Exact solver: iterative (line-relaxation PCG) or direct (sparse Cholesky); for nonlinear devices"
                    + " each is the linear solve of Newton's steps. Default: ${DEFAULT-VALUE}.")
    String solver;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        org.xbar.spec.InverterSpec neurons = crossbar.neurons();
        CrossbarSpec spec = crossbar.spec().withDevice(device.law());
        OutputModel nodal = Methods.withNeurons(OutputMethod.NODAL.create(Methods.solver(solver)), neurons);
        InputBatch inputs = crossbar.inputs(spec);
        OutputBatch exact = nodal.evaluate(spec, inputs);
        PrintWriter out = command.commandLine().getOut();
        out.println(Summaries.batch("nodal", exact));
        // The models are linear: they see the programmed (low-voltage) conductances, and the table shows how
        // far that linear picture is from the exact nonlinear outputs.
        CrossbarSpec linear = spec.withDevice(org.xbar.spec.DeviceIv.LINEAR);
        if (spec.isNonlinear()) {
            out.println("devices: " + spec.device().describe() + "; the model and the ideal product are linear and use"
                    + " the programmed (low-voltage) conductances");
        }
        out.print(comparisonTable(exact, Methods.withNeurons(new AnalyticalModel(), neurons).evaluate(linear, inputs),
                Methods.withNeurons(new IdealModel(), neurons).evaluate(linear, inputs),
                spec.sensing() == org.xbar.spec.Sensing.VOLTAGE ? "V" : "A"));
        out.flush();
        return 0;
    }

    /**
     * @param exact  nodal outputs
     * @param model  analytical model outputs
     * @param ideal  ideal product outputs
     * @param unit   the outputs' unit, A or V
     * @return a table of errors against the exact outputs
     */
    static String comparisonTable(OutputBatch exact, OutputBatch model, OutputBatch ideal, String unit) {
        TextTable table = new TextTable("method", "NRMSD (range)", "NRMSD (mean)", "worst abs error (" + unit + ")",
                "worst rel error", "at vector,output");
        for (OutputBatch b : new OutputBatch[] {model, ideal}) {
            ErrorMetrics e = ErrorMetrics.of(b, exact);
            String name = b.statistics().isEmpty() ? "?" : b.statistics().get(0).solver();
            table.row(name, sci(e.nrmsdRange()), sci(e.nrmsdMean()), sci(e.worstAbsolute()), sci(e.worstRelative()),
                    (e.worstVector() + 1) + "," + (e.worstOutput() + 1));
        }
        return table + "(errors against nodal; vectors and outputs counted from 1; relative error over outputs >= "
                + (int) (ErrorMetrics.RELATIVE_FLOOR * 100) + " % of the largest)\n";
    }

    static String sci(double v) {
        return String.format(Locale.ROOT, "%.3e", v);
    }
}
