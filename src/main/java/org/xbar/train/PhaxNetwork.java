package org.xbar.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbar.data.Dataset;
import org.xbar.dense.DenseOps;
import org.xbar.device.Technology;
import org.xbar.error.InvalidParameterException;
import org.xbar.results.NetworkSolution;
import org.xbar.spec.Checks;
import org.xbar.spec.ConductanceMatrix;
import org.xbar.spec.InverterSpec;
import org.xbar.spec.NetworkLayer;
import org.xbar.spec.NetworkSpec;

/**
 * The PHAX model of an inverter-neuron network (seed 001, DESIGN sections 4 and 9), as training sees
 * it: unconstrained parameters {@code theta} per device, the conductances they map to, the ideal
 * net voltages of the floating columns and the two inverter stages' fitted curves.
 *
 * <p>Layer {@code l} with {@code n} inputs and {@code m} neurons has {@code P = 2n + 2} physical
 * rows, as {@link org.xbar.circuit.NetworkCircuit} lays them out: rows {@code 0..n-1} (positive,
 * driven by {@code V_p}), {@code n..2n-1} (negative, driven by {@code V_n}), {@code 2n} (bias, tied
 * to {@code +VDD/2}) and {@code 2n+1} (bias, tied to {@code -VDD/2}). Then
 * <pre>
 *   sigma_pj = sigma_min (1 + K sigmoid(theta_pj))        K = 7.33, sigma_min = 1 / R_max (PHAX: 8.33 Mohm)
 *   w_pj     = sigma_pj / S_j,   S_j = sum_p sigma_pj     (seed 001 eqs. 2-5, the bias pair included)
 *   V_j      = sum_p w_pj d_p                              the net voltage (DESIGN section 4)
 *   inv_j    = f1(V_j),  out_j = f2(V_j)                   f = c1 + c2 tanh(c4 (V - c3)), PHAX's two fits
 * </pre>
 * The first layer is driven by {@code V_p = x' = (pixel - 0.5) / 2} and {@code V_n = -x'}; every
 * later layer's positive rows by the previous layer's inverted outputs and its negative rows by
 * the non-inverted ones. The class is the argmax of the last layer's non-inverted outputs.
 *
 * <p>{@code sigma / sigma_min} spans [1, 8.33] (PHAX's code; seed 001's eq. 4 omits the 1).
 *
 * <p>{@link #solve} is this model for one vector; {@link #spec} is the same network as a circuit,
 * whose behavioral solve gives the same voltages (a test holds them within 1e-9 V) and whose
 * transistor-level solve shows what the model leaves out. {@link PhaxTrainer} trains the
 * parameters. Immutable.
 */
public final class PhaxNetwork {
    /** PHAX's span of the sigmoid map, {@code sigma_max / sigma_min - 1}. */
    public static final double K = 7.33;

    private final int[] sizes;
    private final double sigmaMin;
    private final InverterSpec neurons;
    private final List<double[]> theta;

    /**
     * @param sizes    layer sizes, inputs first
     * @param sigmaMin {@code sigma_min}, siemens
     * @param neurons  the inverter curves and supply
     * @param theta    per layer, {@code (2n + 2) x m}, row-major; copied
     */
    public PhaxNetwork(int[] sizes, double sigmaMin, InverterSpec neurons, List<double[]> theta) {
        if (sizes.length < 2) {
            throw new InvalidParameterException("layers", sizes.length + " sizes", "needs the inputs and at least one layer");
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new InvalidParameterException("layers", s, "every layer needs at least one input and one output");
            }
        }
        Checks.positive("sigmaMin", sigmaMin, "S");
        this.neurons = Objects.requireNonNull(neurons, "neurons");
        if (theta.size() != sizes.length - 1) {
            throw InvalidParameterException.inconsistent("theta", theta.size() + " layers of parameters for "
                    + (sizes.length - 1) + " layers");
        }
        this.sizes = sizes.clone();
        this.sigmaMin = sigmaMin;
        this.theta = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            double[] t = theta.get(l);
            if (t.length != (2 * sizes[l] + 2) * sizes[l + 1]) {
                throw InvalidParameterException.inconsistent("theta", "layer " + (l + 1) + " has " + t.length
                        + " parameters, (2 x " + sizes[l] + " + 2) x " + sizes[l + 1] + " needed");
            }
            for (int k = 0; k < t.length; k++) {
                Checks.finite("theta[" + l + "][" + k + "]", t[k], "");
            }
            this.theta.add(t.clone());
        }
    }

    /** @return PHAX's {@code sigma_min}: {@code 1 / R_max} of its devices */
    public static double phaxSigmaMin() {
        return Technology.PHAX.minSiemens();
    }

    /** @return layer sizes, inputs first */
    public int[] sizes() {
        return sizes.clone();
    }

    /** @return the neurons */
    public InverterSpec neurons() {
        return neurons;
    }

    /** @return {@code sigma_min}, siemens */
    public double sigmaMin() {
        return sigmaMin;
    }

    /**
     * @param l layer index
     * @return its parameters (a copy)
     */
    public double[] theta(int l) {
        return theta.get(l).clone();
    }

    /** @return the parameters of every layer, the network's own arrays: read them, never write */
    List<double[]> parameters() {
        return theta;
    }

    /**
     * @param t a parameter
     * @return its device's conductance, {@code sigma_min (1 + K sigmoid(t))}, siemens
     */
    double conductance(double t) {
        double s = 1 / (1 + Math.exp(-t));
        return sigmaMin * (1 + K * s);
    }

    /**
     * @return the network's devices as {@link NetworkLayer}s, what {@code xbar network} solves at
     *         circuit level
     */
    public List<NetworkLayer> layers() {
        List<NetworkLayer> out = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            int n = sizes[l];
            int m = sizes[l + 1];
            double[] t = theta.get(l);
            double[] pos = new double[n * m];
            double[] neg = new double[n * m];
            double[] high = new double[m];
            double[] low = new double[m];
            for (int k = 0; k < n * m; k++) {
                pos[k] = conductance(t[k]);
                neg[k] = conductance(t[n * m + k]);
            }
            for (int j = 0; j < m; j++) {
                high[j] = conductance(t[2 * n * m + j]);
                low[j] = conductance(t[(2 * n + 1) * m + j]);
            }
            out.add(new NetworkLayer(ConductanceMatrix.ofRowMajor(n, m, pos), ConductanceMatrix.ofRowMajor(n, m, neg), high, low));
        }
        return out;
    }

    /**
     * @param kind behavioral or transistor-level neurons
     * @return the network as a circuit: {@link #layers()}, these neurons' curves and supply in the
     *         given kind, drivers tied to their rows ({@code R_S = 0}) and ideal wires - the circuit
     *         whose behavioral solve the model above is
     */
    public NetworkSpec spec(InverterSpec.Kind kind) {
        return new NetworkSpec(layers(), neurons.withKind(kind), 0, 0);
    }

    /**
     * The ideal forward model for one vector.
     *
     * @param input first-layer drives {@code x'}, one per input, volt
     * @return every layer's net voltages {@code V_j}, inverted outputs {@code f1(V_j)} and
     *         non-inverted outputs {@code f2(V_j)}, volt
     */
    public NetworkSolution solve(double[] input) {
        if (input.length != sizes[0]) {
            throw InvalidParameterException.inconsistent("input", "input vector has " + input.length
                    + " values, the network has " + sizes[0] + " inputs");
        }
        long start = System.nanoTime();
        PhaxBackprop model = new PhaxBackprop(sizes, sigmaMin, neurons, DenseOps.ejml(1));
        model.prepare(theta);
        model.forward(input, 1);
        return model.solution(0, System.nanoTime() - start);
    }

    /**
     * @param pixel a pixel in [0, 1]
     * @return the first layer's positive drive {@code x' = (pixel - 0.5) / 2}, volt
     */
    public static double inputVolts(double pixel) {
        return (pixel - 0.5) / 2;
    }

    /**
     * @param data  images
     * @param count how many, from the first
     * @return the first-layer drives {@code x'} of each, volt, {@code [image][pixel]}
     */
    public static double[][] inputVolts(Dataset data, int count) {
        double[][] v = new double[count][data.features()];
        for (int k = 0; k < count; k++) {
            for (int f = 0; f < data.features(); f++) {
                v[k][f] = inputVolts(data.pixel(k, f));
            }
        }
        return v;
    }
}
