package org.xbar.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbar.report.ValidationReport;
import org.xbar.spice.Ngspice;
import org.xbar.study.ValidationSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xbar validate}: the SPICE cross-check suite and its report. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Cross-checks the engine against ngspice on a default suite of crossbars and writes "
                + "spice-crosscheck.md and .csv.",
            "Takes a few minutes (ngspice needs about two on a 128x128 crossbar with wires); --quick leaves "
                + "the slowest cases out.",
            "A partial run (--quick or --max-size) writes its report only where --out says, so that it never "
                + "replaces the full report in validation/.",
            "Exit code 1 when a case fails."})
final class ValidateCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR",
            description = "Directory for the report. Default: validation for the full suite, none (the terminal only) for a "
                    + "partial run.")
    Path out;

    @Option(names = "--quick", description = "Leave out the cases that take ngspice more than a few seconds.")
    boolean quick;

    @Option(names = "--max-size", paramLabel = "N", description = "Only the cases of at most N x N cells.")
    Integer maxSize;

    @Option(names = "--timeout", defaultValue = "900", description = "Seconds one ngspice run may take. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Ngspice ngspice = Ngspice.find(Duration.ofSeconds(timeoutSeconds));
        List<ValidationSuite.Case> cases = ValidationSuite.defaultCases(quick).stream()
                .filter(c -> maxSize == null || c.size() <= maxSize).toList();
        if (cases.isEmpty()) {
            throw new UsageException("--max-size", maxSize + " leaves no case (the smallest is 8)");
        }
        PrintWriter stdout = command.commandLine().getOut();
        stdout.printf(Locale.ROOT, "xbar validate: %d cases against %s%s%n", cases.size(), Ngspice.locate().orElseThrow(),
                quick ? " (quick)" : "; the largest take ngspice a few minutes");
        stdout.flush();
        List<ValidationSuite.CaseResult> results = new ArrayList<>();
        int failed = 0;
        for (int k = 0; k < cases.size(); k++) {
            ValidationSuite.CaseResult r = ValidationSuite.run(cases.get(k), ngspice);
            results.add(r);
            failed += r.passed() ? 0 : 1;
            stdout.printf(Locale.ROOT, "[%d/%d] %-18s %-70s %s, ngspice %.2f s, xbar %.4f s%n", k + 1, cases.size(),
                    cases.get(k).name(), cases.get(k).describe(), r.worse().summary(), r.ngspiceNanos() * 1e-9,
                    r.xbarNanos() * 1e-9);
            stdout.flush();
        }
        List<ValidationSuite.NetworkCase> networks = ValidationSuite.networkCases().stream()
                .filter(c -> maxSize == null || c.sizes()[0] <= maxSize).toList();
        for (int k = 0; k < networks.size(); k++) {
            ValidationSuite.CaseResult r = ValidationSuite.runNetwork(networks.get(k), ngspice);
            results.add(r);
            failed += r.passed() ? 0 : 1;
            stdout.printf(Locale.ROOT, "[network %d/%d] %-70s %s, ngspice %.2f s, xbar %.4f s%n", k + 1, networks.size(),
                    r.description(), r.worse().summary(), r.ngspiceNanos() * 1e-9, r.xbarNanos() * 1e-9);
            stdout.flush();
        }
        boolean partial = quick || maxSize != null;
        Path dir = out != null ? out : partial ? null : Path.of("validation");
        if (dir == null) {
            stdout.printf(Locale.ROOT, "%d of %d cases pass; no report written (a partial run writes one only with --out)%n",
                    results.size() - failed, results.size());
            return failed == 0 ? 0 : Main.FAILURE;
        }
        String command = "./xbar validate" + (quick ? " --quick" : "") + (maxSize == null ? "" : " --max-size " + maxSize)
                + (out == null ? "" : " --out " + out);
        ValidationReport.write(dir, results, Machine.describe(), command);
        stdout.printf(Locale.ROOT, "%d of %d cases pass; wrote %s and %s%n", results.size() - failed, results.size(),
                dir.resolve("spice-crosscheck.md"), dir.resolve("spice-crosscheck.csv"));
        return failed == 0 ? 0 : Main.FAILURE;
    }
}
