package org.xbar.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbar.compare.ErrorMetrics;
import org.xbar.device.Quantizer;
import org.xbar.device.Technology;
import org.xbar.device.WeightMapper;
import org.xbar.model.AnalyticalModel;
import org.xbar.model.IdealModel;
import org.xbar.report.TextTable;
import org.xbar.results.OutputBatch;
import org.xbar.solve.LineRelaxationSolver;
import org.xbar.solve.NodalEngine;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.InputBatch;
import org.xbar.spec.WeightMapping;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xbar demo}: the main job on an embedded default, no files needed. A seeded 4-bit
 * row-pair crossbar at seed 004's TiO2 worst corner (R_S = 800 ohm = 0.133 % of R_max,
 * R_N = 200 ohm = 0.033 %), 2.5 ohm per wire segment, solved exactly and with the analytical
 * and ideal models on seeded input vectors.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs nodal, model and ideal on a built-in crossbar and prints their errors and times.",
            "The crossbar: seeded 4-bit row-pair TiO2 devices at seed 004's worst corner (R_S = 800 ohm, R_N "
                + "= 200 ohm) with 2.5 ohm per wire segment; no files needed."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--size", defaultValue = "128", description = "Rows and columns of the crossbar. Default: ${DEFAULT-VALUE}.")
    int size;

    @Option(names = "--vectors", defaultValue = "100", description = "Input vectors, uniform in [0, 1) V. Default: ${DEFAULT-VALUE}.")
    int vectors;

    @Option(names = "--seed", defaultValue = "4", description = "Random seed for weights and inputs. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--rw", defaultValue = "2.5", description = "Wire segment resistance, ohm. Default: ${DEFAULT-VALUE}.")
    double wireOhms;

    /** Most input vectors the demo takes. */
    static final int MAX_VECTORS = 1_000_000;
    /** Most input values (vectors x inputs) the demo holds, about 128 MB of them. */
    static final long MAX_VALUES = 1L << 24;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        if (size < 1 || size > 4096) {
            throw new UsageException("--size", size + " is out of range: must be 1 to 4096");
        }
        if (vectors < 1 || vectors > MAX_VECTORS) {
            throw new UsageException("--vectors", vectors + " is out of range: must be 1 to " + MAX_VECTORS);
        }
        if ((long) vectors * size > MAX_VALUES) {
            throw new UsageException("--vectors", vectors + " vectors of " + size + " inputs is " + (long) vectors * size
                    + " values; the demo holds at most " + MAX_VALUES + " (fewer vectors or a smaller --size)");
        }
        CrossbarOptions.scalar("--rw", Double.toString(wireOhms));
        Technology technology = Technology.TIO2;
        double sourceOhms = 800;
        double neuronOhms = 200;
        CrossbarSpec spec = new WeightMapper(new Quantizer(technology, Quantizer.DEFAULT_BITS))
                .random(size, size, WeightMapping.ROW_PAIR, seed).toSpec()
                .sourceOhms(sourceOhms).neuronOhms(neuronOhms).wireOhms(wireOhms).build();
        InputBatch inputs = InputBatch.random(vectors, size, 1.0, seed + 1);

        PrintWriter out = command.commandLine().getOut();
        out.printf(Locale.ROOT, "xbar demo: %dx%d row-pair crossbar, 4-bit %s devices (%.0f kohm to %.0f kohm), seed %d%n",
                size, size, technology.name(), technology.minOhms() / 1e3, technology.maxOhms() / 1e3, seed);
        out.printf(Locale.ROOT, "R_S = %.0f ohm (r_S = %.3f %%), R_N = %.0f ohm (r_N = %.3f %%), %.2f ohm per wire segment,"
                + " %d input vectors in [0, 1) V%n%n", sourceOhms, 100 * sourceOhms / technology.maxOhms(), neuronOhms,
                100 * neuronOhms / technology.maxOhms(), wireOhms, vectors);
        out.flush();

        NodalEngine engine = new NodalEngine(new LineRelaxationSolver());
        OutputBatch exact = engine.evaluate(spec, inputs);
        OutputBatch model = new AnalyticalModel().evaluate(spec, inputs);
        OutputBatch ideal = new IdealModel().evaluate(spec, inputs);

        TextTable table = new TextTable("method", "NRMSD (range)", "NRMSD (mean)", "worst rel error", "setup (ms)",
                "per vector (ms)", "iterations");
        for (OutputBatch b : new OutputBatch[] {exact, model, ideal}) {
            String name = b.statistics().get(0).solver();
            String range = b == exact ? "0 (reference)" : CompareCommand.sci(ErrorMetrics.of(b, exact).nrmsdRange());
            String mean = b == exact ? "0 (reference)" : CompareCommand.sci(ErrorMetrics.of(b, exact).nrmsdMean());
            String rel = b == exact ? "-" : CompareCommand.sci(ErrorMetrics.of(b, exact).worstRelative());
            table.row(name, range, mean, rel, ms(b.setupNanos()), ms((b.totalNanos() - b.setupNanos()) / b.size()),
                    b == exact ? "max " + b.maxIterations() : "-");
        }
        out.print(table);
        out.printf(Locale.ROOT, "%nnodal: exact circuit solve (largest relative residual %.1e); model: seed 004 analytical"
                + " model (no wires); ideal: I = G.V.%nErrors are against nodal; the relative error counts outputs of at"
                + " least %d %% of the largest.%n", exact.maxResidual(), (int) (100 * ErrorMetrics.RELATIVE_FLOOR));
        out.flush();
        return 0;
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos * 1e-6);
    }
}
