package org.xbar.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.xbar.compare.SpiceCrossCheck;
import org.xbar.io.CsvMatrix;
import org.xbar.study.ValidationSuite.CaseResult;

/**
 * Writes the SPICE cross-check: {@code spice-crosscheck.md} (a table a reviewer can read, with the
 * machine and the criterion) and {@code spice-crosscheck.csv} (the same numbers, full precision).
 */
public final class ValidationReport {
    private ValidationReport() {
    }

    /**
     * @param dir     the directory to write into
     * @param results the case outcomes
     * @param machine a description of the machine and the versions used
     * @param command the command that regenerates the report
     */
    public static void write(Path dir, List<CaseResult> results, String machine, String command) {
        CsvMatrix.writeAtomically(dir.resolve("spice-crosscheck.csv"), out -> out.write(csv(results)));
        CsvMatrix.writeAtomically(dir.resolve("spice-crosscheck.md"), out -> out.write(markdown(results, machine, command)));
    }

    static String csv(List<CaseResult> results) {
        StringBuilder sb = new StringBuilder("case,description,nodes,values_compared,worst_abs_volts,worst_rel,worst_node,"
                + "worst_share_of_tolerance,ngspice_seconds,xbar_seconds,ngspice_over_xbar,passed\n");
        for (CaseResult r : results) {
            SpiceCrossCheck.Result w = r.worse();
            sb.append(label(r)).append(",\"").append(r.description()).append("\",").append(r.nodes()).append(',')
                    .append(r.engine().compared() + r.reference().compared()).append(',')
                    .append(Math.max(r.engine().worstAbsolute(), r.reference().worstAbsolute())).append(',')
                    .append(Math.max(r.engine().worstRelative(), r.reference().worstRelative())).append(',')
                    .append(w.worst() == null ? "" : w.worst().name()).append(',')
                    .append(w.worst() == null ? 0 : w.worst().share()).append(',')
                    .append(r.ngspiceNanos() * 1e-9).append(',').append(r.xbarNanos() * 1e-9).append(',')
                    .append((double) r.ngspiceNanos() / r.xbarNanos()).append(',').append(r.passed()).append('\n');
        }
        return sb.toString();
    }

    private static String label(CaseResult r) {
        return r.testCase().name() + "-" + r.testCase().size() + "-" + r.testCase().seed();
    }

    static String markdown(List<CaseResult> results, String machine, String command) {
        long passed = results.stream().filter(CaseResult::passed).count();
        StringBuilder sb = new StringBuilder("# SPICE cross-check of the crossbar engine\n\n");
        sb.append("Regenerate with `").append(command).append("` (it needs ngspice and takes a few minutes).\n\n");
        sb.append(String.format(Locale.ROOT, "**%d of %d cases pass.** ", passed, results.size()));
        sb.append("Each case is a seeded crossbar of random 4-bit devices with one seeded input vector in [0, 1) V,"
                + " exported by `xbar export`, run in ngspice (`.op`), and solved in xbar twice: by the structured"
                + " line-relaxation solver (the engine: every row and column node and every sense current) and by the"
                + " generic sparse direct solver (every node and every source current). A value passes when"
                + " |xbar - ngspice| <= 1e-6 max(|xbar|, |ngspice|) + 1e-9 V (1e-12 A for currents); the worst value"
                + " is the one that uses the largest share of that tolerance. ngspice prints 16 significant digits.\n\n");
        sb.append("Times: ngspice is the whole process (parsing, ordering, solving); xbar is the structured solver's"
                + " prepare and solve in a warm JVM. Machine: ").append(machine).append("\n\n");
        sb.append("The sinh cases have nonlinear devices I = G sinh(K V)/K (DESIGN section 10), exported as B sources"
                + " I=G/K*sinh(K*v(a,b)); their engine is Newton's method with the structured solver solving every"
                + " step (ngspice's convergence test, reltol 1e-3), and their xbar time is that solve. The reference"
                + " column is the generic Newton solver on the netlist's circuit, as for every case. The 1d1r cases put a"
                + " diode selector in series with every device (SPICE's level-1 junction, IS 1e-14 A, N 1), exported as a"
                + " D element and a resistor per cell with an internal node; the engine solves each cell's series"
                + " current exactly inside the same Newton iteration.\n\n");
        sb.append("The network cases at the end are inverter-neuron networks (PHAX): whole networks of crossbars and"
                + " level-1 or behavioral neurons, solved by xbar's Newton solver (the same path as ngspice's .op) and"
                + " compared at every node and source current; their xbar time is the Newton solve.\n\n");
        sb.append("| case | crossbar | nodes | values | worst abs (V) | worst rel | worst value | share of tol | ngspice (s) | xbar (s) | ngspice/xbar | pass |\n");
        sb.append("|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---|\n");
        for (CaseResult r : results) {
            SpiceCrossCheck.Result w = r.worse();
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2e | %.2e | %s | %.1e | %.3f | %.4f | %.0f | %s |%n",
                    label(r), r.description(), r.nodes(), r.engine().compared() + r.reference().compared(),
                    Math.max(r.engine().worstAbsolute(), r.reference().worstAbsolute()),
                    Math.max(r.engine().worstRelative(), r.reference().worstRelative()),
                    w.worst() == null ? "-" : "`" + w.worst().name() + "`", w.worst() == null ? 0 : w.worst().share(),
                    r.ngspiceNanos() * 1e-9, r.xbarNanos() * 1e-9, (double) r.ngspiceNanos() / r.xbarNanos(),
                    r.passed() ? "yes" : "**NO**"));
        }
        for (CaseResult r : results) {
            if (!r.spiceWarnings().isEmpty()) {
                sb.append("\nngspice warned on ").append(label(r)).append(": ").append(String.join("; ", r.spiceWarnings()))
                        .append('\n');
            }
        }
        return sb.toString();
    }
}
