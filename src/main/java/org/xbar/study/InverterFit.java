package org.xbar.study;

import java.util.Locale;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresFactory;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.optim.SimpleVectorValueChecker;
import org.apache.commons.math3.util.Pair;
import org.xbar.error.InvalidParameterException;
import org.xbar.error.XbarException;
import org.xbar.solve.newton.InverterNeurons;
import org.xbar.spec.InverterSpec;

/**
 * Fits the level-1 NMOS/PMOS pair of the PHAX inverter (DESIGN section 4) to the authors' first-stage
 * transfer curve {@code c1 + c2 tanh(c4 (Vin - c3))}, by nonlinear least squares over evenly spaced
 * inputs from rail to rail (51 by default: 10 mV apart). Each residual is the transistor inverter's
 * output, solved by Newton as ngspice would ({@link InverterNeurons}), minus the curve; the Jacobian
 * is by central differences.
 *
 * <p>The geometry (L = 100 nm, Wn = 0.6 um, Wp = 1.0 um) and the 0.5 V supply are PHAX's. Three
 * parameters are free: both thresholds and the PMOS transconductance parameter (by its logarithm
 * relative to the NMOS one, so it stays positive). Two stay at the start's values, for reasons
 * measured on this fit: the unloaded inverter's DC curve depends on the two KPs only through their
 * ratio, so the NMOS KP (300 uA/V^2, typical of 90 nm) only sets the scale and a fit of both drifts
 * along a flat valley; and a free LAMBDA rises to about 20 /V (first stage 2.6 mV RMS instead of
 * 2.9 mV), a channel-length modulation that trades physical sense for a small gain, so it stays at
 * 10 /V, the least that gives the original's gain of about 8 at a 0.5 V supply.
 *
 * <p>Optimizer: Commons Math's Levenberg-Marquardt. Compared on this fit from five starts (thresholds
 * from 0 to +-0.25 V, PMOS KP from 100 to 600 uA/V^2), it reached the same optimum from every one in
 * 10 to 18 iterations, while Gauss-Newton (the method SuanShu offers for least squares) failed from
 * all five (singular normal equations or 200 iterations without converging).
 */
public final class InverterFit {
    /** Inputs across the supply, rail to rail, at which the curves are compared: 10 mV apart. */
    public static final int DEFAULT_POINTS = 51;

    /** Significant digits of the committed parameters ({@link InverterSpec#phax}). */
    public static final int PRINTED_DIGITS = 2;

    /**
     * Where the fit starts: symmetric thresholds of 0.1 V, equal KPs of 300 uA/V^2 (the NMOS one
     * stays), LAMBDA 10 /V (stays).
     */
    public static final Parameters START = new Parameters(0.1, 300e-6, -0.1, 300e-6, 10);

    private InverterFit() {
    }

    /**
     * The fitted parameters of the pair.
     *
     * @param nmosVto NMOS threshold, volt
     * @param nmosKp  NMOS transconductance parameter, A/V^2
     * @param pmosVto PMOS threshold, volt
     * @param pmosKp  PMOS transconductance parameter, A/V^2
     * @param lambda  channel-length modulation of both, 1/volt
     */
    public record Parameters(double nmosVto, double nmosKp, double pmosVto, double pmosKp, double lambda) {
        /**
         * @param base the inverter whose supply, curves and geometry are kept
         * @return it with these transistors, transistor-level
         */
        public InverterSpec apply(InverterSpec base) {
            return new InverterSpec(InverterSpec.Kind.MOSFET, base.supplyVolts(), base.firstStage(), base.secondStage(), nmosVto,
                    nmosKp, pmosVto, pmosKp, lambda, base.nmosWidth(), base.pmosWidth(), base.length());
        }

        /**
         * @param digits significant digits, 1 to 17
         * @return every parameter rounded to that many significant digits
         */
        public Parameters rounded(int digits) {
            if (digits < 1 || digits > 17) {
                throw new InvalidParameterException("digits", digits, "must be 1 to 17");
            }
            return new Parameters(round(nmosVto, digits), round(nmosKp, digits), round(pmosVto, digits), round(pmosKp, digits),
                    round(lambda, digits));
        }

        /**
         * @param spec an inverter
         * @return its transistors' parameters
         */
        public static Parameters of(InverterSpec spec) {
            return new Parameters(spec.nmosVto(), spec.nmosKp(), spec.pmosVto(), spec.pmosKp(), spec.lambda());
        }

        /** @return the parameters as InverterSpec documents them: V, uA/V^2, 1/V */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "VTO = %s V and %s V, KP = %s and %s uA/V^2, LAMBDA = %s /V", plain(nmosVto),
                    plain(pmosVto), plain(nmosKp * 1e6), plain(pmosKp * 1e6), plain(lambda));
        }

        private double[] toVariables() {
            return new double[] {nmosVto, pmosVto, Math.log(pmosKp / nmosKp)};
        }

        private Parameters fromVariables(double[] x) {
            return new Parameters(x[0], nmosKp, x[1], nmosKp * Math.exp(x[2]), lambda);
        }
    }

    /**
     * What the fit found.
     *
     * @param parameters   the fitted pair
     * @param iterations   Levenberg-Marquardt iterations
     * @param evaluations  evaluations of the residuals (each a Newton solve of every input's inverter pair)
     * @param inputs       the inputs compared, volt
     * @param first        the fitted pair's first-stage (inverted) outputs at those inputs, volt
     * @param second       its cascaded (non-inverted) outputs, volt
     * @param firstRms     RMS of first-stage output minus PHAX's first curve, volt
     * @param secondRms    RMS of cascaded output minus PHAX's second curve, volt
     */
    public record Result(Parameters parameters, int iterations, int evaluations, double[] inputs, double[] first,
            double[] second, double firstRms, double secondRms) {
    }

    /**
     * @param base   the inverter whose supply, curves and geometry are kept (PHAX's)
     * @param start  where the fit starts; its NMOS KP and its LAMBDA stay fixed
     * @param points inputs compared, evenly spaced from rail to rail, 11 to 100001
     * @return the fit by Levenberg-Marquardt
     * @throws XbarException when the optimizer does not converge within its budget
     */
    public static Result fit(InverterSpec base, Parameters start, int points) {
        return fit(base, start, points, new LevenbergMarquardtOptimizer());
    }

    /**
     * @param base      the inverter whose supply, curves and geometry are kept (PHAX's)
     * @param start     where the fit starts; its NMOS KP and its LAMBDA stay fixed
     * @param points    inputs compared, evenly spaced from rail to rail, 11 to 100001
     * @param optimizer the least-squares optimizer
     * @return the fit
     * @throws XbarException when the optimizer does not converge within its budget
     */
    public static Result fit(InverterSpec base, Parameters start, int points, LeastSquaresOptimizer optimizer) {
        if (points < 11 || points > 100_001) {
            throw new InvalidParameterException("points", points, "must be 11 to 100001");
        }
        double[] inputs = inputs(base, points);
        double[] target = new double[points];
        for (int k = 0; k < points; k++) {
            target[k] = InverterSpec.curve(base.firstStage(), inputs[k]);
        }
        MultivariateJacobianFunction model = point -> {
            double[] x = point.toArray();
            double[] value = firstStage(base, start.fromVariables(x), inputs);
            double[][] jacobian = new double[points][x.length];
            for (int p = 0; p < x.length; p++) {
                double h = 1e-6 * Math.max(1, Math.abs(x[p]));
                double[] up = x.clone();
                double[] down = x.clone();
                up[p] += h;
                down[p] -= h;
                double[] a = firstStage(base, start.fromVariables(up), inputs);
                double[] b = firstStage(base, start.fromVariables(down), inputs);
                for (int k = 0; k < points; k++) {
                    jacobian[k][p] = (a[k] - b[k]) / (2 * h);
                }
            }
            return new Pair<RealVector, org.apache.commons.math3.linear.RealMatrix>(new ArrayRealVector(value, false),
                    new Array2DRowRealMatrix(jacobian, false));
        };
        LeastSquaresOptimizer.Optimum optimum;
        try {
            optimum = optimizer.optimize(new LeastSquaresBuilder()
                    .start(start.toVariables()).model(model).target(target)
                    .maxEvaluations(1000).maxIterations(200).lazyEvaluation(false)
                    .checker(LeastSquaresFactory.evaluationChecker(new SimpleVectorValueChecker(1e-12, 1e-15))).build());
        } catch (org.apache.commons.math3.exception.MathIllegalStateException e) {
            throw new XbarException("the inverter fit did not converge from " + start + ": " + e.getMessage());
        }
        Parameters fitted = start.fromVariables(optimum.getPoint().toArray());
        return evaluate(base, fitted, points, optimum.getIterations(), optimum.getEvaluations());
    }

    /**
     * @param base       the inverter whose supply, curves and geometry are kept
     * @param parameters a pair
     * @param points     inputs compared, evenly spaced from rail to rail, at least 2
     * @return how that pair matches PHAX's two curves (no fit: zero iterations)
     */
    public static Result evaluate(InverterSpec base, Parameters parameters, int points) {
        if (points < 2) {
            throw new InvalidParameterException("points", points, "must be at least 2");
        }
        return evaluate(base, parameters, points, 0, 0);
    }

    private static Result evaluate(InverterSpec base, Parameters parameters, int points, int iterations, int evaluations) {
        double[] inputs = inputs(base, points);
        InverterNeurons.Outputs out = new InverterNeurons(parameters.apply(base)).evaluate(inputs);
        return new Result(parameters, iterations, evaluations, inputs, out.inverted(), out.nonInverted(),
                rms(out.inverted(), base.firstStage(), inputs), rms(out.nonInverted(), base.secondStage(), inputs));
    }

    private static double[] inputs(InverterSpec base, int points) {
        double[] v = new double[points];
        for (int k = 0; k < points; k++) {
            v[k] = base.lowRail() + (base.highRail() - base.lowRail()) * k / (points - 1);
        }
        return v;
    }

    private static double[] firstStage(InverterSpec base, Parameters p, double[] inputs) {
        return new InverterNeurons(p.apply(base)).evaluate(inputs).inverted();
    }

    private static double rms(double[] outputs, double[] curve, double[] inputs) {
        double sum = 0;
        for (int k = 0; k < inputs.length; k++) {
            double d = outputs[k] - InverterSpec.curve(curve, inputs[k]);
            sum += d * d;
        }
        return Math.sqrt(sum / inputs.length);
    }

    private static double round(double value, int digits) {
        return new java.math.BigDecimal(value).round(new java.math.MathContext(digits)).doubleValue();
    }

    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
