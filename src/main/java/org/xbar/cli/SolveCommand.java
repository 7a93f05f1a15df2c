package org.xbar.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xbar.model.OutputModel;
import org.xbar.report.CsvMatrix;
import org.xbar.results.OutputBatch;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.InputBatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xbar solve}: output currents of a crossbar for a batch of input vectors. */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = {"Computes the output currents of a crossbar for every input vector.",
            "OUT.csv: one line per input vector, one current in amperes per output column."})
final class SolveCommand implements Callable<Integer> {
    @Mixin
    CrossbarOptions crossbar;

    @Option(names = "--method", defaultValue = "nodal", paramLabel = "METHOD",
            description = "nodal (exact circuit solve), model (seed 004 analytical model) or ideal (I = G.V). Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--solver", defaultValue = "iterative", paramLabel = "SOLVER",
            description = "For nodal: iterative (line-relaxation PCG) or direct (sparse Cholesky). Default: ${DEFAULT-VALUE}.")
    String solver;

    @Option(names = "--out", paramLabel = "OUT.csv", description = "Where to write the currents (default: standard output).")
    Path out;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        OutputModel model = Methods.method(method, solver);
        CrossbarSpec spec = crossbar.spec();
        InputBatch inputs = crossbar.inputs(spec);
        OutputBatch result = model.evaluate(spec, inputs);
        double[][] rows = new double[result.size()][];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = result.vector(k);
        }
        PrintWriter stdout = command.commandLine().getOut();
        PrintWriter stderr = command.commandLine().getErr();
        String summary = Summaries.batch(model.name(), result);
        if (out != null) {
            CsvMatrix.write(out, rows);
            stdout.println(summary + "; wrote " + out);
        } else {
            try {
                for (double[] row : rows) {
                    CsvMatrix.writeRow(stdout, row);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stdout.flush();
            stderr.println(summary);
        }
        return 0;
    }
}
