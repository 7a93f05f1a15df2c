package org.xbar.solve.newton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xbar.TestCrossbars.assertClose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbar.circuit.Circuit;
import org.xbar.circuit.Expression;
import org.xbar.circuit.Mosfet;
import org.xbar.circuit.MosfetModel;
import org.xbar.error.NoConvergenceException;
import org.xbar.report.OperatingPointCsv;
import org.xbar.results.CircuitSolution;
import org.xbar.spice.Netlist;
import org.xbar.spice.NetlistReader;

/**
 * The Newton solver on hand-solved transistor circuits, on a behavioral source, and on circuits
 * that only the convergence aids can solve. The hand solutions include the reverse-biased bulk
 * junctions: each leaks {@code IS + gmin |v|} (1e-14 A and 1e-12 S by default), which shifts the
 * answers by about 1e-8 V - more than the 1e-9 the tight tests ask for.
 */
class NewtonSolverTest {
    private static final double IS = 1e-14;
    private static final double GMIN = 1e-12;
    private static final NewtonSolver TIGHT = new NewtonSolver(NewtonOptions.DEFAULT.withTolerances(1e-12, 1e-15, 1e-18));

    private static MosfetModel nmos(double vto, double kp, double lambda, double gamma) {
        return MosfetModel.of("n", false, Map.of("vto", vto, "kp", kp, "lambda", lambda, "gamma", gamma));
    }

    /** VDD 5 V, drain resistor R to node d, gate at vg, W/L = 10 (beta = 2 mA/V^2, VTO = 1 V). */
    private static Circuit commonSource(double vg, double ohms, double lambda, double bulkVolts, double gamma) {
        Circuit.Builder b = Circuit.builder();
        int vdd = b.node("vdd");
        int d = b.node("d");
        int g = b.node("g");
        int bulk = b.node("bulk");
        b.voltageSource("vdd", vdd, Circuit.GROUND, 5);
        b.voltageSource("vg", g, Circuit.GROUND, vg);
        b.voltageSource("vb", bulk, Circuit.GROUND, bulkVolts);
        b.resistor("rd", vdd, d, ohms);
        b.mosfet(new Mosfet("m1", d, g, Circuit.GROUND, bulk, nmos(1, 2e-4, lambda, gamma), 10e-6, 1e-6, 1, 0, 0, false));
        return b.build();
    }

    /**
     * Linear region: (5 - v)/10k = 2e-3 (2 - v/2) v + IS + gmin v, so
     * 10 v^2 - (41 + 1e4 gmin) v + 5 - 1e4 IS = 0. With ngspice's default tolerances the answer
     * (the iterate before the last, as ngspice reports it) is within 1e-5.
     */
    @Test
    void linearRegion() {
        double b = 41 + 1e4 * GMIN;
        double expected = (b - Math.sqrt(b * b - 40 * (5 - 1e4 * IS))) / 20;
        assertClose("v(d)", TIGHT.solve(commonSource(3, 1e4, 0, 0, 0)).voltage("d"), expected, 1e-12, 0);
        assertClose("v(d), default tolerances", new NewtonSolver().solve(commonSource(3, 1e4, 0, 0, 0)).voltage("d"),
                expected, 1e-5, 0);
    }

    /**
     * Saturation with lambda = 0.1: (5 - v)/10k = 2.5e-4 (1 + 0.1 v) + IS + gmin v, so
     * v = (2.5 - 1e4 IS) / (1.25 + 1e4 gmin), 2 V but for the leakage.
     */
    @Test
    void saturationWithChannelLengthModulation() {
        CircuitSolution s = TIGHT.solve(commonSource(1.5, 1e4, 0.1, 0, 0));
        double v = (2.5 - 1e4 * IS) / (1.25 + 1e4 * GMIN);
        assertClose("v(d)", s.voltage("d"), v, 1e-12, 0);
        assertClose("i(vdd)", s.sourceCurrent("vdd"), -(5 - v) / 1e4, 1e-10, 0);
        assertEquals(0.0, s.sourceCurrent("vg"), 1e-15, "no gate current");
    }

    /**
     * Body effect: bulk at -1 V, gamma 0.5, phi 0.6: von = 1 + 0.5 (sqrt(1.6) - sqrt(0.6)); in
     * saturation through 1 kohm, (5 - v)/1k = 1e-3 (2 - von)^2 + IS + gmin (v + 1).
     */
    @Test
    void bodyEffect() {
        double von = 1 + 0.5 * (Math.sqrt(1.6) - Math.sqrt(0.6));
        double expected = (5 - (2 - von) * (2 - von) - 1e3 * (IS + GMIN)) / (1 + 1e3 * GMIN);
        assertClose("v(d)", TIGHT.solve(commonSource(2, 1e3, 0, -1, 0.5)).voltage("d"), expected, 1e-12, 0);
    }

    /**
     * PMOS: source and bulk 5 V, gate 3.5 V, drain to ground through 10k:
     * v/10k = 2.5e-4 (1 + 0.1 (5 - v)) + IS + gmin (5 - v), 3 V but for the leakage.
     */
    @Test
    void pmos() {
        Circuit.Builder b = Circuit.builder();
        int vdd = b.node("vdd");
        int d = b.node("d");
        int g = b.node("g");
        b.voltageSource("vdd", vdd, Circuit.GROUND, 5);
        b.voltageSource("vg", g, Circuit.GROUND, 3.5);
        b.resistor("rd", d, Circuit.GROUND, 1e4);
        MosfetModel p = MosfetModel.of("p", true, Map.of("vto", -1.0, "kp", 2e-4, "lambda", 0.1));
        b.mosfet(new Mosfet("m1", d, g, vdd, vdd, p, 10e-6, 1e-6, 1, 0, 0, false));
        double v = (3.75 + 1e4 * (IS + 5 * GMIN)) / (1.25 + 1e4 * GMIN);
        assertClose("v(d)", TIGHT.solve(b.build()).voltage("d"), v, 1e-12, 0);
    }

    /** A behavioral source drives a divider: b = 2 tanh(v(in)) across 1k + 3k. */
    @Test
    void behavioralSource() {
        Circuit.Builder b = Circuit.builder();
        int in = b.node("in");
        int out = b.node("out");
        int mid = b.node("mid");
        b.voltageSource("vin", in, Circuit.GROUND, 0.3);
        b.behavioralVoltage("b1", out, Circuit.GROUND, new Expression.Binary('*', new Expression.Constant(2),
                new Expression.Function("tanh", new Expression.Voltage(in))));
        b.resistor("r1", out, mid, 1000);
        b.resistor("r2", mid, Circuit.GROUND, 3000);
        CircuitSolution s = new NewtonSolver().solve(b.build());
        double vout = 2 * Math.tanh(0.3);
        assertClose("v(out)", s.voltage("out"), vout, 1e-14, 0);
        assertClose("v(mid)", s.voltage("mid"), vout * 0.75, 1e-14, 0);
        assertClose("i(b1)", s.sourceCurrent("b1"), -vout / 4000, 1e-12, 0);
    }

    private static Netlist netlist(String name) throws Exception {
        Path p = Path.of("netlists", name + ".cir");
        return NetlistReader.read(p.toString(), Files.readAllLines(p));
    }

    /**
     * netlists/convergence-gmin.cir: plain Newton fails within its iteration limit; gmin stepping
     * finds the operating point, which matches ngspice's (the golden file) at every value.
     */
    @Test
    void gminSteppingIsNeeded() throws Exception {
        Netlist n = netlist("convergence-gmin");
        NewtonOptions options = NewtonOptions.fromSpice(n.options());
        NoConvergenceException e = assertThrows(NoConvergenceException.class,
                () -> new NewtonSolver(options.withContinuation(false, false)).solve(n.circuit()));
        assertEquals(101, e.iterations());
        assertTrue(e.worstNode().isPresent(), "the node that moved most in the last iteration is named");
        assertTrue(e.worstChange().orElseThrow() > 0);
        assertTrue(e.residual().isEmpty() && e.tolerance().isEmpty(), "Newton has no single linear residual");
        CircuitSolution s = new NewtonSolver(options).solve(n.circuit());
        assertTrue(s.statistics().solver().contains("dynamic gmin stepping"), s.statistics().solver());
        matchesGolden("convergence-gmin", s);
    }

    /** The same circuit with gmin stepping switched off: only source stepping finds it. */
    @Test
    void sourceSteppingIsNeeded() throws Exception {
        Netlist n = netlist("convergence-source");
        NewtonOptions options = NewtonOptions.fromSpice(n.options());
        assertEquals(0, options.gminSteps());
        assertThrows(NoConvergenceException.class, () -> new NewtonSolver(options.withContinuation(false, false)).solve(n.circuit()));
        CircuitSolution s = new NewtonSolver(options).solve(n.circuit());
        assertTrue(s.statistics().solver().endsWith("source stepping)"), s.statistics().solver());
        matchesGolden("convergence-source", s);
    }

    private static void matchesGolden(String name, CircuitSolution s) {
        Map<String, Double> golden = OperatingPointCsv.read(Path.of("netlists", name + ".op.csv"));
        for (Map.Entry<String, Double> e : golden.entrySet()) {
            String key = e.getKey();
            double ours = key.startsWith("v(") ? s.voltage(key.substring(2, key.length() - 1))
                    : s.sourceCurrent(key.substring(2, key.length() - 1));
            assertClose(name + " " + key, ours, e.getValue(), 1e-6, key.startsWith("v(") ? 1e-9 : 1e-12);
        }
    }

    @Test
    void limitingFunctionsMatchNgspice() {
        // fetlim: from below the threshold a rise is held to vto + 0.5
        assertEquals(1.5, LevelOneMosfet.fetlim(5, 0, 1), 0);
        // limvds: a rise from below 3.5 V is held to 4 V, a fall to -0.5 V
        assertEquals(4, LevelOneMosfet.limvds(10, 1), 0);
        assertEquals(-0.5, LevelOneMosfet.limvds(-3, 1), 0);
        // pnjlim: a forward step past vcrit from 0 becomes vt ln(v / vt)
        double vt = 0.025864917007157463;
        double[] r = LevelOneMosfet.pnjlim(2, 0, vt, 0.73);
        assertClose("pnjlim", r[0], vt * Math.log(2 / vt), 1e-15, 0);
        assertEquals(1, r[1]);
        assertEquals(0, LevelOneMosfet.pnjlim(0.5, 0.4, vt, 0.73)[1]);
    }
}
