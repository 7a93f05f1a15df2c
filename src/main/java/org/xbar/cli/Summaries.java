package org.xbar.cli;

import java.util.Locale;
import org.xbar.results.OutputBatch;

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
        if (result.maxIterations() > 0) {
            sb.append(String.format(Locale.ROOT, ", at most %d iterations", result.maxIterations()));
        }
        if (result.maxResidual() > 0) {
            sb.append(String.format(Locale.ROOT, ", relative residual <= %.1e", result.maxResidual()));
        }
        return sb.toString();
    }
}
