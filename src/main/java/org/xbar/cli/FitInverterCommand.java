package org.xbar.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbar.error.InvalidParameterException;
import org.xbar.io.OutputFiles;
import org.xbar.report.InverterFitChart;
import org.xbar.spec.InverterSpec;
import org.xbar.study.InverterFit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xbar fit-inverter}: the level-1 inverter pair fitted to PHAX's transfer curve, reproducibly. */
@Command(name = "fit-inverter", mixinStandardHelpOptions = true,
        description = {"Fits the level-1 NMOS/PMOS pair of the PHAX inverter neuron to the authors' first-stage transfer "
                + "curve (c1 + c2 tanh(c4 (Vin - c3)), DESIGN section 4) by Levenberg-Marquardt over inputs from rail to "
                + "rail, each output solved by Newton as ngspice would. Free: both thresholds and the PMOS KP; fixed: the "
                + "NMOS KP (the unloaded curve depends on the KPs only through their ratio) and LAMBDA.",
            "Prints the fitted parameters, the RMS error of each stage against its curve, and whether the committed "
                + "defaults (InverterSpec.phax) equal the fit to the printed digits; exit code 1 when they do not.",
            "--plot draws the fitted curves against the targets."})
final class FitInverterCommand implements Callable<Integer> {
    @Option(names = "--points", defaultValue = "" + InverterFit.DEFAULT_POINTS, paramLabel = "N",
            description = "Inputs compared, evenly spaced from rail to rail, 11 to 100001. Default: ${DEFAULT-VALUE} (10 mV apart).")
    int points;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Also draw the fitted curves against the targets there.")
    Path plot;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        if (plot != null) {
            OutputFiles.check(plot);
        }
        InverterSpec base = InverterSpec.phax(InverterSpec.Kind.MOSFET);
        InverterFit.Result fit;
        try {
            fit = InverterFit.fit(base, InverterFit.START, points);
        } catch (InvalidParameterException e) {
            throw new UsageException("--" + e.parameter(), e.getMessage());
        }
        InverterFit.Parameters printed = fit.parameters().rounded(InverterFit.PRINTED_DIGITS);
        InverterFit.Parameters committed = InverterFit.Parameters.of(base);
        InverterFit.Result atCommitted = InverterFit.evaluate(base, committed, points);
        PrintWriter out = command.commandLine().getOut();
        out.printf(Locale.ROOT, "xbar fit-inverter: level-1 pair, L = %.0f nm, Wn = %.2f um, Wp = %.2f um, supply %.2f V; "
                + "%d inputs from %.2f to %.2f V%n", base.length() * 1e9, base.nmosWidth() * 1e6, base.pmosWidth() * 1e6,
                base.supplyVolts(), points, base.lowRail(), base.highRail());
        out.printf(Locale.ROOT, "start:      %s%n", InverterFit.START);
        out.printf(Locale.ROOT, "fitted:     %s (%d iterations, %d evaluations)%n", fit.parameters(), fit.iterations(),
                fit.evaluations());
        out.printf(Locale.ROOT, "printed:    %s%n", printed);
        out.printf(Locale.ROOT, "RMS against PHAX's curves: first stage %.2f mV, cascade %.2f mV (fitted); %.2f mV, %.2f mV "
                + "(committed defaults)%n", fit.firstRms() * 1e3, fit.secondRms() * 1e3, atCommitted.firstRms() * 1e3,
                atCommitted.secondRms() * 1e3);
        boolean same = printed.equals(committed);
        out.println(same ? "the committed defaults (InverterSpec.phax) equal the fit to the printed digits"
                : "the committed defaults (InverterSpec.phax) differ from the fit: " + committed);
        if (plot != null) {
            InverterFitChart.write(plot, base, fit);
            out.println("wrote " + plot);
        }
        return same ? 0 : Main.FAILURE;
    }
}
