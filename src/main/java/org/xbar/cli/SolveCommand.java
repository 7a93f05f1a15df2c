package org.xbar.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.xbar.compare.SpiceCrossCheck;
import org.xbar.io.OutputFiles;
import org.xbar.model.OutputModel;
import org.xbar.report.OperatingPointCsv;
import org.xbar.results.CircuitSolution;
import org.xbar.results.OutputBatch;
import org.xbar.results.PowerBreakdown;
import org.xbar.solve.CircuitSolver;
import org.xbar.solve.NodalEngine;
import org.xbar.solve.OutputMethod;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.InputBatch;
import org.xbar.spice.Netlist;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xbar solve}: output currents of a crossbar for a batch of input vectors. */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = {"Computes the output currents of a crossbar for every input vector, or the DC operating point of "
                + "any resistive netlist (--netlist).",
            "Crossbar:",
            "OUT.csv has one line per input vector, one current in amperes per output column.",
            "--power adds where the power goes (DESIGN section 10), in watts: devices (sum of I V), row wires, column "
                + "wires, source resistances, neuron resistances, all that together (dissipated) and what the drivers "
                + "deliver (drawn; the two agree by energy conservation, and the largest relative difference is "
                + "printed). For one input vector its breakdown; for a batch the mean over the vectors and the maximum "
                + "(each term's own maximum, so that line need not add up). The table goes where the summary goes "
                + "(standard error, or standard output with --out). It needs every node voltage: only --method nodal "
                + "gives them, and each vector is solved in full for it; nonlinear devices (--nonlinearity, --iv-table) count by their own I(V). With --sensing inverter or inverter-mosfet it "
                + "covers the crossbar (the gates draw no current), not the inverters' own supply. --read-ns T adds "
                + "the energy per read, P T, in joules, for a read of T nanoseconds; it implies --power.",
            "Netlist:",
            "OUT.csv has the header node,value and one row per node voltage, v(<node>), and per voltage "
                + "source current, i(<source>) (positive into the plus terminal), as ngspice names them."})
final class SolveCommand implements Callable<Integer> {
    @Mixin
    CrossbarOptions crossbar;

    @Mixin
    DeviceOptions device;

    @Option(names = "--method", defaultValue = "nodal", paramLabel = "METHOD",
            description = "nodal (exact circuit solve), model (seed 004 analytical model) or ideal (I = G.V). Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--solver", defaultValue = "iterative", paramLabel = "SOLVER",
            description = "For nodal: iterative (line-relaxation PCG; for nonlinear devices Newton's method with it solving"
                    + " every step) or direct (sparse Cholesky; for nonlinear devices Newton's method on the whole circuit"
                    + " with a sparse LU per step, ngspice's algorithm). Default: ${DEFAULT-VALUE}.")
    String solver;

    @Option(names = "--timings", description = "Print to standard error how long the JVM took to start, and reading, solving"
            + " and writing apart (wall clock, ms).")
    boolean timings;

    @Option(names = "--out", paramLabel = "OUT.csv", description = "Where to write the results (default: standard output).")
    Path out;

    @Option(names = "--netlist", paramLabel = "FILE.cir",
            description = "A SPICE netlist (R, V, I, level-1 M and B elements) to solve instead of a crossbar; it takes"
                    + " neither --method nor --solver (a netlist is always solved exactly, by the direct sparse solver).")
    Path netlist;

    @Option(names = "--power", description = "Print where the power goes: devices, wires, source and neuron resistances, "
            + "and the total drawn from the drivers (watt; needs --method nodal).")
    boolean power;

    @Option(names = "--read-ns", paramLabel = "T", description = "Read time in nanoseconds (> 0): adds the energy per read "
            + "(joule) to the --power table, and implies --power.")
    Double readNs;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        if (out != null) {
            OutputFiles.check(out);
        }
        if (netlist != null) {
            if (crossbar.anyGiven() || device.anyGiven()) {
                throw new UsageException("--netlist", "takes no crossbar flags (--g, --v, --rs, ...): the netlist is the circuit");
            }
            if (given("--method")) {
                throw new UsageException("--method", "does not apply to --netlist: a netlist is always solved exactly"
                        + " (the model and the ideal product describe crossbars only)");
            }
            if (power || readNs != null) {
                throw new UsageException(power ? "--power" : "--read-ns", "is for crossbars: a netlist's operating point "
                        + "is written as node voltages and source currents");
            }
            if (given("--solver")) {
                throw new UsageException("--solver", "does not apply to --netlist: a netlist is always solved by the"
                        + " direct sparse solver (Newton's method on it where the circuit has MOSFETs or B sources); the"
                        + " iterative line-relaxation solver needs a crossbar's rows and columns");
            }
            return solveNetlist();
        }
        crossbar.requireComplete(", or give --netlist FILE.cir");
        Timings clock = timings ? new Timings() : null;
        OptionalDouble readSeconds = PowerOutput.readSeconds(readNs);
        boolean withPower = power || readSeconds.isPresent();
        CrossbarSpec spec = crossbar.spec().withDevice(device.law());
        OutputModel model = Methods.withNeurons(Methods.method(method, solver), crossbar.neurons());
        if (withPower && Methods.outputMethod(method) != OutputMethod.NODAL) {
            throw new UsageException(power ? "--power" : "--read-ns", "needs every node voltage, which only --method nodal "
                    + "computes; " + method + " gives the outputs only");
        }
        InputBatch inputs = crossbar.inputs(spec);
        mark(clock, "reading");
        OutputBatch result = model.evaluate(spec, inputs);
        List<PowerBreakdown> breakdowns = withPower ? new NodalEngine(Methods.solver(solver).create()).power(spec, inputs)
                : List.of();
        mark(clock, "solving");
        double[][] rows = new double[result.size()][];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = result.vector(k);
        }
        Summaries.writeOutputs(command, out, rows, Summaries.batch(model.name(), result), "");
        if (withPower) {
            PrintWriter stream = out != null ? command.commandLine().getOut() : command.commandLine().getErr();
            stream.print(PowerOutput.table(breakdowns, readSeconds));
            stream.flush();
        }
        mark(clock, "writing");
        if (clock != null) {
            clock.print(command.commandLine().getErr());
        }
        return 0;
    }

    private static void mark(Timings clock, String phase) {
        if (clock != null) {
            clock.mark(phase);
        }
    }

    private boolean given(String flag) {
        return command.commandLine().getParseResult() != null && command.commandLine().getParseResult().hasMatchedOption(flag);
    }

    private Integer solveNetlist() {
        Netlist parsed = NetlistFiles.read(netlist);
        PrintWriter stderr = command.commandLine().getErr();
        for (String warning : parsed.warnings()) {
            stderr.println("xbar solve: warning: " + warning);
        }
        org.xbar.solve.newton.NewtonOptions options = org.xbar.solve.newton.NewtonOptions.fromSpice(parsed.options());
        CircuitSolution solution = new CircuitSolver(options).solve(parsed.circuit());
        Map<String, Double> values = SpiceCrossCheck.named(solution);
        // a direct solve reports its residual; Newton stops by ngspice's test, which is what to say
        String accuracy = solution.statistics().path() == org.xbar.results.SolverStatistics.Path.NEWTON
                ? String.format(java.util.Locale.ROOT, "%d iterations, converged by ngspice's test: reltol %.1e, vntol %.1e V,"
                        + " abstol %.1e A", solution.statistics().iterations(), options.reltol(), options.vntol(),
                        options.abstol())
                : String.format(java.util.Locale.ROOT, "relative residual %.1e", solution.statistics().relativeResidual());
        String summary = String.format(java.util.Locale.ROOT, "%s: %d nodes, %d voltage sources, solved in %.3f ms (%s, %s)",
                netlist, parsed.circuit().nodeCount() - 1, parsed.circuit().voltageSources().size(),
                solution.statistics().nanos() * 1e-6, solution.statistics().solver(), accuracy);
        if (out != null) {
            OperatingPointCsv.write(out, values);
            command.commandLine().getOut().println(summary + "; wrote " + out);
        } else {
            command.commandLine().getOut().print(OperatingPointCsv.format(values));
            command.commandLine().getOut().flush();
            stderr.println(summary);
        }
        stderr.flush();
        return 0;
    }
}
