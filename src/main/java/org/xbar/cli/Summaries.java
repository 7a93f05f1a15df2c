package org.xbar.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.xbar.io.CsvMatrix;
import org.xbar.results.OutputBatch;
import org.xbar.results.SolverStatistics;
import picocli.CommandLine.Model.CommandSpec;

/** One-line summaries of batches for the terminal. */
final class Summaries {
    private Summaries() {
    }

    /**
     * @param name   model name
     * @param result its outputs
     * @return e.g. {@code nodal (line-relaxation-pcg): 100 vectors x 128 outputs, setup 12.0 ms,
     *         0.80 ms per vector, at most 9 iterations, residual <= 1.2e-13}
     */
    static String batch(String name, OutputBatch result) {
        String solver = result.statistics().isEmpty() ? name : result.statistics().get(0).solver();
        double perVector = result.size() == 0 ? 0
                : (result.totalNanos() - result.setupNanos()) * 1e-6 / result.size();
        String label = solver.equals(name) ? name : name + " (" + solver + ")";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s: %d vectors x %d outputs, setup %.2f ms, %.3f ms per vector",
                label, result.size(), result.outputs(), result.setupNanos() * 1e-6, perVector));
        int structuredNewton = result.count(SolverStatistics.Path.STRUCTURED_NEWTON);
        int newton = result.count(SolverStatistics.Path.NEWTON);
        if (result.maxIterations() > 0) {
            sb.append(String.format(Locale.ROOT, ", at most %d %s", result.maxIterations(),
                    structuredNewton + newton > 0 ? "Newton steps" : "iterations"));
        }
        if (result.maxResidual() > 0) {
            sb.append(String.format(Locale.ROOT, ", relative residual <= %.1e", result.maxResidual()));
        }
        int restarted = result.count(SolverStatistics.Path.RESTARTED);
        int fallback = result.count(SolverStatistics.Path.DIRECT_FALLBACK);
        if (restarted > 0) {
            sb.append(String.format(Locale.ROOT, ", %d vector%s restarted after the true residual check", restarted,
                    restarted == 1 ? "" : "s"));
        }
        long handed = result.statistics().stream().filter(s -> s.path() == SolverStatistics.Path.NEWTON
                && !s.solver().startsWith("direct")).count();
        if (handed > 0) {
            sb.append(String.format(Locale.ROOT, ", %d vector%s handed to the direct solver's Newton iteration", handed,
                    handed == 1 ? "" : "s"));
        }
        if (fallback > 0) {
            sb.append(String.format(Locale.ROOT, ", %d vector%s solved by the direct fallback", fallback,
                    fallback == 1 ? "" : "s"));
        }
        return sb.toString();
    }

    /**
     * Writes a command's output vectors and its one-line summary: with {@code out}, the vectors go
     * to that file (atomically) and the summary, naming the file, to standard output; without it,
     * the vectors go to standard output and the summary to standard error.
     *
     * @param command the command
     * @param out     the output file, or {@code null} for standard output
     * @param rows    one line of values per vector
     * @param summary the summary
     * @param also    more files written, named after {@code out} in the summary ("" for none)
     */
    static void writeOutputs(CommandSpec command, Path out, double[][] rows, String summary, String also) {
        PrintWriter stdout = command.commandLine().getOut();
        if (out != null) {
            CsvMatrix.write(out, rows);
            stdout.println(summary + "; wrote " + out + (also.isEmpty() ? "" : " and " + also));
            return;
        }
        try {
            CsvMatrix.writeRows(stdout, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stdout.flush();
        command.commandLine().getErr().println(summary + (also.isEmpty() ? "" : "; wrote " + also));
    }
}
