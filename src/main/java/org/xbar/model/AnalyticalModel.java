package org.xbar.model;

import org.xbar.circuit.CrossbarCircuit;
import org.xbar.spec.CrossbarSpec;

/**
 * The fast analytical non-ideality model of seed 004 (equations reconstructed in DESIGN section 3
 * from the paper's prose and Kirchhoff's laws). It accounts for source and neuron resistance and
 * ignores wire resistance and sneak paths, as the paper says it does.
 *
 * <p>On the physical array (see {@link CrossbarCircuit}: physical row {@code p} is driven by
 * {@code D_p = +V_i} or, for the negative array of a row pair, {@code -V_i}):
 * <pre>
 *   alpha_p = 1 / (1 + R_S,p * sum_q g_pq / (1 + R_N,q g_pq))     source-resistance attenuation
 *   beta_q  = 1 / (1 + R_N,q * sum_p g_pq)                         neuron-resistance attenuation
 *   I_q     = beta_q * sum_p D_p alpha_p g_pq
 * </pre>
 * and each output is its physical column's current (a column pair subtracts its negative column).
 * With two-ended drive the two drivers of a row act in parallel on the ideal row wire, so
 * {@code R_S,p} is replaced by {@code R_S,p / 2}.
 *
 * <p>Why: with {@code R_S = 0} every row node sits at its driver's voltage and column {@code q}
 * floats to {@code sum_p D_p g_pq / (1/R_N + sum_p g_pq)}, which is the {@code beta} formula;
 * with {@code R_N = 0} the columns sit at ground and row {@code p} is a divider between
 * {@code R_S} and its devices in parallel, which is the {@code alpha} formula. In both limits the
 * model is exact (wires ideal); with both non-zero the row sees each device in series with
 * {@code R_N}, an approximation that ignores the voltage the other rows put on the column.
 *
 * <p>The map does not depend on the input: it is a fixed effective conductance matrix, computed
 * once per crossbar, so the model costs one matrix-vector product per input vector and cannot
 * capture input-dependent effects.
 *
 * <p><b>Voltage sensing</b> (floating columns; xbar's extension, seed 004 has none). The ideal
 * column voltage is the weighted mean {@code V0_q = sum_p D_p g_pq / G_q} with
 * {@code G_q = sum_p g_pq}. One step of the row equations with the columns at {@code V0} gives
 * each row's voltage, and the columns follow:
 * <pre>
 *   S_p     = sum_q g_pq,   alpha_p = 1 / (1 + R_S,p S_p),   m_p = sum_q g_pq V0_q / S_p
 *   v_p     = alpha_p D_p + (1 - alpha_p) m_p
 *   V_q     = sum_p g_pq v_p / G_q
 * </pre>
 * It is exact when {@code R_S = 0} (wires ideal), and exact whatever {@code R_S} when every input
 * is the same (no current flows). It is linear in the inputs and costs three passes over the
 * array per input vector.
 */
public final class AnalyticalModel extends EffectiveConductanceModel {

    @Override
    public String name() {
        return "model";
    }

    /**
     * {@inheritDoc} With voltage sensing the model is still linear in the inputs but is not a
     * product of per-cell factors, so its matrix is taken as its response to each unit input
     * (one evaluation per input).
     */
    @Override
    public PreparedModel prepare(CrossbarSpec spec) {
        spec.requireLinear("the " + name() + " model");
        if (spec.sensing() != org.xbar.spec.Sensing.VOLTAGE) {
            return super.prepare(spec);
        }
        long start = System.nanoTime();
        int inputs = spec.inputs();
        int outputs = spec.outputs();
        double[][] unit = new double[inputs][inputs];
        for (int i = 0; i < inputs; i++) {
            unit[i][i] = 1.0;
        }
        org.xbar.results.OutputBatch responses = evaluate(spec, org.xbar.spec.InputBatch.of(unit));
        double[] w = new double[inputs * outputs];
        for (int i = 0; i < inputs; i++) {
            System.arraycopy(responses.vector(i), 0, w, i * outputs, outputs);
        }
        return new PreparedModel(name(), w, inputs, outputs, System.nanoTime() - start);
    }

    @Override
    public org.xbar.results.OutputBatch evaluate(CrossbarSpec spec, org.xbar.spec.InputBatch inputs) {
        spec.requireLinear("the " + name() + " model");
        if (spec.sensing() != org.xbar.spec.Sensing.VOLTAGE) {
            return super.evaluate(spec, inputs);
        }
        inputs.requireFits(spec);
        long start = System.nanoTime();
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        int rows = circuit.physicalRows();
        int cols = circuit.physicalColumns();
        double[] g = circuit.sharedConductances();
        double[] columnSum = columnSums(circuit);
        double ends = circuit.bothEnds() ? 2.0 : 1.0;
        double[] rowSum = new double[rows];
        double[] alpha = new double[rows];
        for (int p = 0; p < rows; p++) {
            for (int q = 0; q < cols; q++) {
                rowSum[p] += g[p * cols + q];
            }
            alpha[p] = 1.0 / (1.0 + circuit.sourceOhms(p) / ends * rowSum[p]);
        }
        long setup = System.nanoTime() - start;
        double[][] out = new double[inputs.size()][];
        java.util.List<org.xbar.results.SolverStatistics> stats = new java.util.ArrayList<>(inputs.size());
        double[] drive = new double[rows];
        for (int k = 0; k < inputs.size(); k++) {
            long t0 = System.nanoTime();
            circuit.driveVolts(inputs.vector(k), drive);
            double[] ideal = weightedMeans(g, rows, cols, drive, columnSum);
            double[] rowVolts = new double[rows];
            for (int p = 0; p < rows; p++) {
                double m = 0;
                for (int q = 0; q < cols; q++) {
                    m += g[p * cols + q] * ideal[q];
                }
                m = rowSum[p] > 0 ? m / rowSum[p] : drive[p];
                rowVolts[p] = alpha[p] * drive[p] + (1 - alpha[p]) * m;
            }
            double[] outputs = new double[spec.outputs()];
            circuit.combineOutputs(weightedMeans(g, rows, cols, rowVolts, columnSum), outputs);
            out[k] = outputs;
            stats.add(new org.xbar.results.SolverStatistics(name(), 0, 0.0, System.nanoTime() - t0,
                    org.xbar.results.SolverStatistics.Path.MODEL));
        }
        return new org.xbar.results.OutputBatch(out, stats, setup);
    }

    /** {@code sum_p g_pq v_p / G_q} for every column q. */
    private static double[] weightedMeans(double[] g, int rows, int cols, double[] volts, double[] columnSum) {
        double[] mean = new double[cols];
        for (int p = 0; p < rows; p++) {
            double v = volts[p];
            for (int q = 0; q < cols; q++) {
                mean[q] += g[p * cols + q] * v;
            }
        }
        for (int q = 0; q < cols; q++) {
            mean[q] /= columnSum[q];
        }
        return mean;
    }

    /**
     * Seed 004's attenuations of a physical array (DESIGN section 3): {@code alpha_p} per row and
     * {@code beta_q} per column, as in the class Javadoc.
     *
     * @param g          conductances, {@code rows x cols}, row-major, siemens
     * @param rows       physical rows
     * @param cols       physical columns
     * @param sourceOhms effective source resistance of each row ({@code R_S}, or {@code R_S / 2}
     *                   driven at both ends), ohm
     * @param neuronOhms neuron resistance of each column, ohm
     * @return {@code alpha} and {@code beta}
     */
    public static Attenuation attenuation(double[] g, int rows, int cols, double[] sourceOhms, double[] neuronOhms) {
        double[] alpha = new double[rows];
        double[] columnSum = new double[cols];
        for (int p = 0; p < rows; p++) {
            double load = 0;
            int base = p * cols;
            for (int q = 0; q < cols; q++) {
                double gpq = g[base + q];
                load += gpq / (1 + neuronOhms[q] * gpq);
                columnSum[q] += gpq;
            }
            alpha[p] = 1.0 / (1.0 + sourceOhms[p] * load);
        }
        double[] beta = new double[cols];
        for (int q = 0; q < cols; q++) {
            beta[q] = 1.0 / (1.0 + neuronOhms[q] * columnSum[q]);
        }
        return new Attenuation(alpha, beta);
    }

    /**
     * Seed 004's attenuations: the effective conductance of cross point {@code (p, q)} is
     * {@code alpha_p beta_q g_pq}.
     *
     * @param alpha source-resistance attenuation per physical row
     * @param beta  neuron-resistance attenuation per physical column
     */
    public record Attenuation(double[] alpha, double[] beta) {
    }

    @Override
    double[] effectiveConductances(CrossbarSpec spec) {
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        int rows = circuit.physicalRows();
        int cols = circuit.physicalColumns();
        double ends = circuit.bothEnds() ? 2.0 : 1.0;
        double[] rs = new double[rows];
        for (int p = 0; p < rows; p++) {
            rs[p] = circuit.sourceOhms(p) / ends;
        }
        double[] rn = new double[cols];
        for (int q = 0; q < cols; q++) {
            rn[q] = circuit.neuronOhms(q);
        }
        Attenuation a = attenuation(circuit.sharedConductances(), rows, cols, rs, rn);
        double[] alpha = a.alpha();
        double[] beta = a.beta();
        return fold(circuit, (p, q) -> alpha[p] * beta[q] * circuit.conductance(p, q));
    }
}
