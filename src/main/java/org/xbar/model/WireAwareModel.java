package org.xbar.model;

import java.util.ArrayList;
import java.util.List;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.results.OutputBatch;
import org.xbar.results.SolverStatistics;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.DeviceIv;
import org.xbar.spec.InputBatch;
import org.xbar.spec.Sensing;

/**
 * The analytical model of seed 004 with a first-order correction for the IR drop along the row and
 * column wires and for the sense-node coupling the seed model neglects (xbar's extension; seed 004
 * ignores wires). O(rows x cols) per input vector.
 *
 * <p><b>Derivation.</b> Take the seed model ({@link AnalyticalModel}) as the zeroth order: row
 * {@code p}'s cells sit at {@code u0_p = alpha_p D_p}, column {@code q}'s sense node at
 * {@code s_q = R_N,q beta_q sum_p g_pq u0_p}, and the device currents are
 * {@code i_pq = g_pq (u0_p - s_q)}. The seed model neglects two things, and both are evaluated here
 * from these zeroth-order currents:
 * <ul>
 *   <li><i>Wire drops.</i> Row p, driven at cell 0: segment m (cells m-1 to m) carries
 *       {@code sum_{k>=m} i_pk}, so cell j sits lower by {@code dr_pj = r_row sum_k i_pk min(j,k)}.
 *       Driven at both ends (cells 0 and Q-1 held alike) the chain's Green's function gives
 *       {@code dr_pj = r_row sum_k i_pk min(j,k) (Q-1-max(j,k)) / (Q-1)}. Column q, sensed below
 *       row P-1: segment i (rows i to i+1) carries {@code sum_{l<=i} i_lq}, so row i's column node
 *       sits above the sense node by {@code dc_iq = r_col sum_l i_lq (P-1-max(i,l))}.</li>
 *   <li><i>Shared sense nodes.</i> The seed model's {@code alpha_p} lets each device see only its own
 *       current through {@code R_N}; in the circuit every row's current lifts the sense node to
 *       {@code s_q}.</li>
 * </ul>
 * Each device then sees {@code u_p - dr_pq - dc_pq - s_q}. Kirchhoff's law at row p's driven node,
 * with {@code R'_S = R_S} (one end) or {@code R_S / 2} (both ends), gives
 * <pre>
 *   u_p = (D_p + R'_S sum_q g_pq (s_q + dr_pq + dc_pq)) / (1 + R'_S sum_q g_pq)
 * </pre>
 * and at column q's sense node, solved for the sense voltage as in the seed model,
 * <pre>
 *   I_q = beta_q sum_p g_pq (u_p - dr_pq - dc_pq)
 * </pre>
 * Everything is linear in the inputs, and prefix sums make the drops O(P Q).
 *
 * <p><b>Resummation.</b> The first-order drops come from currents that the drops themselves reduce;
 * on long resistive lines they overshoot, and past {@code r g n^2 ~ 1} a pure first-order model is
 * worse than none. For a uniformly loaded line, driven at one end, the exact mean attenuation is
 * {@code tanh(x)/x} with {@code x^2 = r G n} (segment resistance x the line's total device
 * conductance x its segments), whose first-order part is {@code 1 - x^2/3}. Each line's drops are
 * therefore scaled by {@code kappa = (1 - tanh(x)/x) / (x^2/3)} ({@link #resummation(double)};
 * {@code x^2/4} in place of {@code x^2} for rows driven at both ends, which act as two lines of half
 * the length). {@code kappa = 1 - 2x^2/5 + ...}, so the model is still exact to first order, and for
 * a uniform line it is the transmission-line solution.
 *
 * <p><b>Where it holds.</b> Without wires it is exact where the seed model is ({@code R_S = 0} or
 * {@code R_N = 0}), and its error in the coupling is of higher order than the seed model's
 * {@code R_S R_N} term. With {@code R_S = R_N = 0} its error shrinks as {@code r^2} when the wire
 * resistance {@code r} vanishes, the seed model's as {@code r}; a uniform line is reproduced at any
 * {@code r} (tests pin all three). It stops being accurate once {@code r g n^2} (g the mean device
 * conductance, n the line length) passes about 1: real arrays are not uniform, and the rows' and
 * columns' drops interact, which the per-line factor does not see. It then still beats the seed
 * model (by 2 to 5 times at 128x128 to 256x256 with 10 ohm segments, TiO2) but is no longer a
 * substitute for nodal analysis; the validation curves show where.
 *
 * <p><b>Nonlinear devices</b> (a {@link DeviceIv} other than linear, current sensing): a first-order
 * correction. The model is evaluated once with the programmed conductances, which gives every
 * device's voltage {@code V_pq = u_p - dr_pq - dc_pq - R_N,q I_q}; each device is then given its
 * secant conductance {@code I(g_pq, V_pq) / V_pq} at that voltage (its slope at 0 V where
 * {@code V_pq = 0}) and the model is evaluated again with those. This is one fixed-point step of
 * the secant iteration, exact to first order in the change of conductance; it costs a second
 * pass and the model's set-up per vector, and there is no matrix ({@link #prepare} refuses
 * nonlinear devices: the outputs are not linear in the inputs). Measured in
 * {@code validation/nonlinear/}.
 *
 * <p>Voltage-sensed crossbars carry no column current; for them this model is the analytical
 * model's voltage-sensing form, without a wire correction, and linear devices only.
 */
public final class WireAwareModel implements OutputModel {

    @Override
    public String name() {
        return "wire-model";
    }

    /**
     * Computes the model's effective conductance matrix once: the model is linear in the inputs,
     * so its matrix is its response to each unit input (one evaluation of {@code O(rows x cols)}
     * per input, spread over the cores; each response is independent, so the matrix does not
     * depend on how many there are).
     *
     * @param spec the crossbar
     * @return the model fixed to it; {@code evaluate} then costs one matrix-vector product
     */
    public PreparedModel prepare(CrossbarSpec spec) {
        spec.requireLinear("the " + name() + " model");
        long start = System.nanoTime();
        int inputs = spec.inputs();
        int outputs = spec.outputs();
        int chunk = 32;
        int chunks = (inputs + chunk - 1) / chunk;
        double[] w = new double[inputs * outputs];
        java.util.stream.IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * chunk;
            int to = Math.min(inputs, from + chunk);
            double[][] unit = new double[to - from][inputs];
            for (int i = from; i < to; i++) {
                unit[i - from][i] = 1.0;
            }
            OutputBatch responses = evaluate(spec, InputBatch.of(unit));
            for (int i = from; i < to; i++) {
                System.arraycopy(responses.vector(i - from), 0, w, i * outputs, outputs);
            }
        });
        return new PreparedModel(name(), w, inputs, outputs, System.nanoTime() - start);
    }

    @Override
    public OutputBatch evaluate(CrossbarSpec spec, InputBatch inputs) {
        if (spec.sensing() == Sensing.VOLTAGE) {
            spec.requireLinear("the " + name() + " model with voltage sensing");
            OutputBatch base = new AnalyticalModel().evaluate(spec, inputs);
            List<SolverStatistics> renamed = new ArrayList<>();
            for (SolverStatistics s : base.statistics()) {
                renamed.add(new SolverStatistics(name(), 0, 0.0, s.nanos(), SolverStatistics.Path.MODEL));
            }
            double[][] out = new double[base.size()][];
            for (int k = 0; k < out.length; k++) {
                out[k] = base.vector(k);
            }
            return new OutputBatch(out, renamed, base.setupNanos());
        }
        inputs.requireFits(spec);
        long start = System.nanoTime();
        CrossbarCircuit c = CrossbarCircuit.of(spec);
        int rows = c.physicalRows();
        int cols = c.physicalColumns();
        double[] g = c.sharedConductances();
        DeviceIv law = spec.device();
        boolean nonlinear = !law.isLinear();
        Pass programmed = new Pass(c, g);
        long setup = System.nanoTime() - start;

        double[][] out = new double[inputs.size()][];
        List<SolverStatistics> stats = new ArrayList<>(inputs.size());
        double[] drive = new double[rows];
        double[] deviceVolts = nonlinear ? new double[rows * cols] : null;
        double[] secant = nonlinear ? new double[rows * cols] : null;
        for (int k = 0; k < inputs.size(); k++) {
            long t0 = System.nanoTime();
            c.driveVolts(inputs.vector(k), drive);
            double[] column = programmed.columns(drive, deviceVolts);
            if (nonlinear) {
                // the first-order nonlinear correction: every device at its secant conductance
                // I(V)/V at the voltage the linear pass gives it, and the model once more
                for (int n = 0; n < secant.length; n++) {
                    double v = deviceVolts[n];
                    secant[n] = v == 0 ? law.slope(g[n], 0) : law.current(g[n], v) / v;
                }
                column = new Pass(c, secant).columns(drive, null);
            }
            double[] outputs = new double[spec.outputs()];
            c.combineOutputs(column, outputs);
            out[k] = outputs;
            stats.add(new SolverStatistics(name(), 0, 0.0, System.nanoTime() - t0, SolverStatistics.Path.MODEL));
        }
        return new OutputBatch(out, stats, setup);
    }

    /**
     * The model for one set of device conductances: the seed model's attenuations, the lines'
     * resummation factors and the scratch of one pass, then {@link #columns} per drive.
     */
    private static final class Pass {
        private final CrossbarCircuit c;
        private final double[] g;
        private final int rows;
        private final int cols;
        private final double ends;
        private final double[] alpha;
        private final double[] beta;
        private final double[] neuron;
        private final double[] rowScale;
        private final double[] colScale;
        private final double rowWire;
        private final double colWire;
        private final double[] u;
        private final double[] current;
        private final double[] drop;
        private final double[] below;
        private final double[] weighted;

        Pass(CrossbarCircuit c, double[] g) {
            this.c = c;
            this.g = g;
            rows = c.physicalRows();
            cols = c.physicalColumns();
            ends = c.bothEnds() ? 2.0 : 1.0;
            alpha = new double[rows];
            double[] columnSum = new double[cols];
            for (int p = 0; p < rows; p++) {
                double load = 0;
                for (int q = 0; q < cols; q++) {
                    double gpq = g[p * cols + q];
                    load += gpq / (1 + c.neuronOhms(q) * gpq);
                    columnSum[q] += gpq;
                }
                alpha[p] = 1.0 / (1.0 + c.sourceOhms(p) / ends * load);
            }
            beta = new double[cols];
            neuron = new double[cols];
            for (int q = 0; q < cols; q++) {
                neuron[q] = c.neuronOhms(q);
                beta[q] = 1.0 / (1.0 + neuron[q] * columnSum[q]);
            }
            rowWire = c.rowWireOhms();
            colWire = c.columnWireOhms();
            rowScale = new double[rows];
            for (int p = 0; p < rows; p++) {
                double load = 0;
                for (int q = 0; q < cols; q++) {
                    load += g[p * cols + q];
                }
                rowScale[p] = resummation(rowWire * load * cols / (c.bothEnds() ? 4 : 1));
            }
            colScale = new double[cols];
            for (int q = 0; q < cols; q++) {
                colScale[q] = resummation(colWire * columnSum[q] * rows);
            }
            u = new double[rows];
            current = new double[rows * cols];
            drop = new double[rows * cols];
            below = new double[cols];
            weighted = new double[cols];
        }

        /**
         * @param drive       each physical row's driver voltage, volt
         * @param deviceVolts receives each device's voltage as the model sees it (row minus wire
         *                    drops minus the sense voltage {@code R_N I_q}), or null
         * @return each physical column's current, ampere
         */
        double[] columns(double[] drive, double[] deviceVolts) {
            double[] sense = new double[cols];
            for (int p = 0; p < rows; p++) {
                u[p] = alpha[p] * drive[p];
                for (int q = 0; q < cols; q++) {
                    sense[q] += g[p * cols + q] * u[p];
                }
            }
            for (int q = 0; q < cols; q++) {
                sense[q] *= beta[q] * neuron[q];
            }
            for (int p = 0; p < rows; p++) {
                int base = p * cols;
                for (int q = 0; q < cols; q++) {
                    current[base + q] = g[base + q] * (u[p] - sense[q]);
                }
                rowDrops(current, base, cols, rowWire, c.bothEnds(), drop);
                for (int q = 0; q < cols; q++) {
                    drop[base + q] *= rowScale[p];
                }
            }
            columnDrops(current, rows, cols, colWire, colScale, drop, below, weighted);
            double[] column = new double[cols];
            double[] rowVolts = deviceVolts == null ? null : new double[rows];
            for (int p = 0; p < rows; p++) {
                int base = p * cols;
                double relief = 0;
                double load = 0;
                for (int q = 0; q < cols; q++) {
                    double gpq = g[base + q];
                    relief += gpq * (drop[base + q] + sense[q]);
                    load += gpq;
                }
                double rs = c.sourceOhms(p) / ends;
                double row = (drive[p] + rs * relief) / (1 + rs * load);
                if (rowVolts != null) {
                    rowVolts[p] = row;
                }
                for (int q = 0; q < cols; q++) {
                    column[q] += g[base + q] * (row - drop[base + q]);
                }
            }
            for (int q = 0; q < cols; q++) {
                column[q] *= beta[q];
            }
            if (deviceVolts != null) {
                for (int p = 0; p < rows; p++) {
                    int base = p * cols;
                    for (int q = 0; q < cols; q++) {
                        deviceVolts[base + q] = rowVolts[p] - drop[base + q] - neuron[q] * column[q];
                    }
                }
            }
            return column;
        }
    }

    /**
     * The resummation factor of a uniformly loaded line: with {@code y = r G n} (segment
     * resistance x the line's total device conductance x its number of segments), the exact mean
     * attenuation is {@code tanh(x)/x} with {@code x = sqrt(y)}, whose first-order part is
     * {@code 1 - y/3}; this returns {@code (1 - tanh(x)/x) / (y/3)}, by which the first-order drops
     * are scaled. It is {@code 1 - 2y/5 + O(y^2)}, so the model stays exact to first order.
     *
     * @param y {@code r G n}, {@code >= 0}
     * @return the factor, in (0, 1]
     */
    static double resummation(double y) {
        if (y < 1e-4) {
            return 1 - 0.4 * y;
        }
        double x = Math.sqrt(y);
        return 3 * (1 - Math.tanh(x) / x) / y;
    }

    /**
     * Writes row p's first-order drops into {@code drop[base..base+cols)}:
     * {@code r sum_k i_k min(j,k)} driven at one end, or with the both-ends Green's function.
     */
    private static void rowDrops(double[] current, int base, int cols, double r, boolean bothEnds, double[] drop) {
        if (r == 0 || cols == 1) {
            java.util.Arrays.fill(drop, base, base + cols, 0.0);
            return;
        }
        if (!bothEnds) {
            // dr(j) = r [sum_{k<j} k i_k + j sum_{k>=j} i_k]
            double tail = 0;
            for (int k = 0; k < cols; k++) {
                tail += current[base + k];
            }
            double head = 0;
            for (int j = 0; j < cols; j++) {
                drop[base + j] = r * (head + j * tail);
                head += j * current[base + j];
                tail -= current[base + j];
            }
            return;
        }
        // dr(j) = r/(Q-1) [(Q-1-j) sum_{k<=j} k i_k + j sum_{k>j} (Q-1-k) i_k]
        int last = cols - 1;
        double right = 0;
        for (int k = 0; k < cols; k++) {
            right += (last - k) * current[base + k];
        }
        double left = 0;
        for (int j = 0; j < cols; j++) {
            left += j * current[base + j];
            right -= (last - j) * current[base + j];
            drop[base + j] = r / last * ((last - j) * left + j * right);
        }
    }

    /**
     * Adds column drops to {@code drop}: {@code dc(i) = r [(P-1-i) sum_{l<=i} i_l + sum_{l>i} (P-1-l) i_l]}.
     */
    private static void columnDrops(double[] current, int rows, int cols, double r, double[] scale, double[] drop,
            double[] below, double[] weighted) {
        if (r == 0 || rows == 1) {
            return;
        }
        int last = rows - 1;
        java.util.Arrays.fill(below, 0.0);
        java.util.Arrays.fill(weighted, 0.0);
        for (int l = 0; l < rows; l++) {
            int base = l * cols;
            for (int q = 0; q < cols; q++) {
                weighted[q] += (last - l) * current[base + q];
            }
        }
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int q = 0; q < cols; q++) {
                below[q] += current[base + q];
                weighted[q] -= (last - i) * current[base + q];
                drop[base + q] += r * scale[q] * ((last - i) * below[q] + weighted[q]);
            }
        }
    }
}
