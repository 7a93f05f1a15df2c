package org.xbar.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbar.io.OutputFiles;
import org.xbar.report.LoadingReport;
import org.xbar.study.LoadingStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xbar loading}: the inverter-loading report. */
@Command(name = "loading", mixinStandardHelpOptions = true,
        description = {"Compares inverter-neuron networks solved as one circuit (inverters loaded by the next crossbar) "
                + "with the same networks driven layer by layer by ideal sources, and writes the report."})
final class LoadingCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "validation/inverter-loading.md", paramLabel = "FILE.md",
            description = "Report file. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        OutputFiles.check(out);
        List<LoadingStudy.Result> results = new ArrayList<>();
        for (LoadingStudy.Case c : LoadingStudy.defaultCases()) {
            LoadingStudy.Result r = LoadingStudy.run(c);
            results.add(r);
            command.commandLine().getOut().printf(Locale.ROOT, "%s %s neurons, R_S %.0f ohm, wire %.1f ohm: layer 1 output"
                    + " max difference %.3g mV%n", c.shape(), c.kind().toString().toLowerCase(Locale.ROOT), c.sourceOhms(),
                    c.wireOhms(), 1e3 * r.layers().get(0).outputMax());
            command.commandLine().getOut().flush();
        }
        String regenerate = "./xbar loading" + ("validation/inverter-loading.md".equals(out.toString()) ? "" : " --out " + out);
        LoadingReport.write(out, results, Machine.describe(), regenerate);
        command.commandLine().getOut().println("wrote " + out);
        return 0;
    }
}
