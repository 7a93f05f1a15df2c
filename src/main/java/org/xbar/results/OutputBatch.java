package org.xbar.results;

import java.util.List;
import org.xbar.error.NonFiniteResultException;

/**
 * Outputs of one crossbar for a batch of input vectors, from the nodal engine or a model, with the
 * statistics of every solve: currents in ampere for current sensing, voltages in volt for voltage
 * sensing.
 */
public final class OutputBatch {
    private final int size;
    private final int outputs;
    private final double[] amps;
    private final List<SolverStatistics> statistics;
    private final long setupNanos;

    /**
     * @param outputAmps {@code outputAmps[k][j]}: output j for input vector k, ampere or volt (copied);
     *                   every value finite
     * @param statistics one entry per input vector
     * @param setupNanos time spent on work shared by the whole batch (factorization, effective
     *                   conductances), nanoseconds
     * @throws NonFiniteResultException when an output is NaN or infinite: no batch holds one
     */
    public OutputBatch(double[][] outputAmps, List<SolverStatistics> statistics, long setupNanos) {
        this.size = outputAmps.length;
        this.outputs = size == 0 ? 0 : outputAmps[0].length;
        this.amps = new double[size * outputs];
        for (int k = 0; k < size; k++) {
            NonFiniteResultException.requireFinite(k < statistics.size() ? statistics.get(k).solver() : "an output model",
                    "outputs of vector " + k, outputAmps[k]);
            System.arraycopy(outputAmps[k], 0, amps, k * outputs, outputs);
        }
        this.statistics = List.copyOf(statistics);
        this.setupNanos = setupNanos;
    }

    /** @return number of input vectors */
    public int size() {
        return size;
    }

    /** @return outputs per vector */
    public int outputs() {
        return outputs;
    }

    /**
     * @param k vector index
     * @param j output index
     * @return the current, ampere
     */
    public double get(int k, int j) {
        return amps[k * outputs + j];
    }

    /**
     * @param k vector index
     * @return the outputs for vector k, ampere (a copy)
     */
    public double[] vector(int k) {
        return java.util.Arrays.copyOfRange(amps, k * outputs, (k + 1) * outputs);
    }

    /** @return all currents, vector-major, ampere (a copy) */
    public double[] flat() {
        return amps.clone();
    }

    /** @return per-vector statistics */
    public List<SolverStatistics> statistics() {
        return statistics;
    }

    /** @return time spent on shared setup work, nanoseconds */
    public long setupNanos() {
        return setupNanos;
    }

    /** @return setup plus every solve, nanoseconds */
    public long totalNanos() {
        long total = setupNanos;
        for (SolverStatistics s : statistics) {
            total += s.nanos();
        }
        return total;
    }

    /** @return the most iterations any vector needed */
    public int maxIterations() {
        int max = 0;
        for (SolverStatistics s : statistics) {
            max = Math.max(max, s.iterations());
        }
        return max;
    }

    /** @return the largest relative residual of any vector */
    public double maxResidual() {
        double max = 0;
        for (SolverStatistics s : statistics) {
            max = Math.max(max, s.relativeResidual());
        }
        return max;
    }

    /**
     * @param path a solve path
     * @return how many vectors were solved along it
     */
    public int count(SolverStatistics.Path path) {
        int n = 0;
        for (SolverStatistics s : statistics) {
            n += s.path() == path ? 1 : 0;
        }
        return n;
    }
}
