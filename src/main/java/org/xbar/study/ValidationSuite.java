package org.xbar.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.compare.SpiceCrossCheck;
import org.xbar.device.Quantizer;
import org.xbar.device.Technology;
import org.xbar.device.WeightMapper;
import org.xbar.results.CrossbarSolution;
import org.xbar.solve.CrossbarSolver;
import org.xbar.solve.LineRelaxationSolver;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.DeviceIv;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.Sensing;
import org.xbar.spec.WeightMapping;
import org.xbar.spice.CrossbarNetlist;
import org.xbar.spice.Ngspice;

/**
 * The SPICE cross-check of the crossbar engine: seeded crossbars exported as netlists, run in
 * ngspice, solved by xbar's structured solver (the engine) and its generic direct solver, and
 * compared at every node (DESIGN section 5). Crossbars of nonlinear (sinh) devices are solved by
 * the same engine, Newton's method with the structured solver inside, and their reference is the
 * generic Newton solver on the netlist's circuit, as for every case.
 */
public final class ValidationSuite {
    private ValidationSuite() {
    }

    /**
     * One crossbar to check.
     *
     * @param name       a short label
     * @param size       rows and columns
     * @param mapping    weight mapping
     * @param technology device range
     * @param sourceOhms R_S, ohm
     * @param neuronOhms R_N, ohm
     * @param wireOhms   wire segment resistance, ohm
     * @param drive      drive
     * @param sensing    current sensing, or floating (voltage-sensed) columns
     * @param seed       seed of the weights and the input vector
     * @param nonlinearity K of sinh devices {@code I = G sinh(K V)/K}, 1/V; 0 for linear devices
     * @param selector   a diode selector in series with every (linear) device: the 1D1R array
     *                   ({@link DeviceIv.DiodeSelector}, IS 1e-14 A, N 1, no breakdown)
     */
    public record Case(String name, int size, WeightMapping mapping, Technology technology, double sourceOhms,
            double neuronOhms, double wireOhms, Drive drive, Sensing sensing, long seed, double nonlinearity,
            boolean selector) {

        /**
         * A case of sinh devices (or linear ones, K = 0), without selectors.
         *
         * @param name         a short label
         * @param size         rows and columns
         * @param mapping      weight mapping
         * @param technology   device range
         * @param sourceOhms   R_S, ohm
         * @param neuronOhms   R_N, ohm
         * @param wireOhms     wire segment resistance, ohm
         * @param drive        drive
         * @param sensing      sensing
         * @param seed         seed
         * @param nonlinearity K, 1/V
         */
        public Case(String name, int size, WeightMapping mapping, Technology technology, double sourceOhms,
                double neuronOhms, double wireOhms, Drive drive, Sensing sensing, long seed, double nonlinearity) {
            this(name, size, mapping, technology, sourceOhms, neuronOhms, wireOhms, drive, sensing, seed, nonlinearity,
                    false);
        }

        /**
         * A case of linear devices.
         *
         * @param name       a short label
         * @param size       rows and columns
         * @param mapping    weight mapping
         * @param technology device range
         * @param sourceOhms R_S, ohm
         * @param neuronOhms R_N, ohm
         * @param wireOhms   wire segment resistance, ohm
         * @param drive      drive
         * @param sensing    sensing
         * @param seed       seed
         */
        public Case(String name, int size, WeightMapping mapping, Technology technology, double sourceOhms,
                double neuronOhms, double wireOhms, Drive drive, Sensing sensing, long seed) {
            this(name, size, mapping, technology, sourceOhms, neuronOhms, wireOhms, drive, sensing, seed, 0.0);
        }

        /**
         * A current-sensed case.
         *
         * @param name       a short label
         * @param size       rows and columns
         * @param mapping    weight mapping
         * @param technology device range
         * @param sourceOhms R_S, ohm
         * @param neuronOhms R_N, ohm
         * @param wireOhms   wire segment resistance, ohm
         * @param drive      drive
         * @param seed       seed
         */
        public Case(String name, int size, WeightMapping mapping, Technology technology, double sourceOhms,
                double neuronOhms, double wireOhms, Drive drive, long seed) {
            this(name, size, mapping, technology, sourceOhms, neuronOhms, wireOhms, drive, Sensing.CURRENT, seed);
        }

        /** @return the crossbar */
        public CrossbarSpec spec() {
            return new WeightMapper(new Quantizer(technology, Quantizer.DEFAULT_BITS)).random(size, size, mapping, seed)
                    .toSpec().sourceOhms(sourceOhms).neuronOhms(sensing == Sensing.VOLTAGE ? 0 : neuronOhms)
                    .wireOhms(wireOhms).drive(drive).sensing(sensing)
                    .device(selector ? new DeviceIv.DiodeSelector(1e-14, 1, Double.NaN) : DeviceIv.sinh(nonlinearity))
                    .build();
        }

        /** @return the input vector, uniform in [0, 1) V */
        public double[] input() {
            return InputBatch.random(1, size, 1.0, seed + 1000).vector(0);
        }

        /** @return a description of the parameters */
        public String describe() {
            return String.format(Locale.ROOT, "%dx%d %s, %s, R_S %s ohm, %s, wire %s ohm, %s", size, size,
                    mapping.toString().toLowerCase(Locale.ROOT).replace('_', '-'), technology.name(), trim(sourceOhms),
                    sensing == Sensing.VOLTAGE ? "floating columns" : "R_N " + trim(neuronOhms) + " ohm", trim(wireOhms),
                    drive.toString().toLowerCase(Locale.ROOT).replace('_', '-'))
                    + (nonlinearity > 0 ? ", sinh devices K " + trim(nonlinearity) + " 1/V" : "")
                    + (selector ? ", 1D1R (diode selectors)" : "");
        }

        static String trim(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    /**
     * The outcome of one case.
     *
     * @param testCase      the case
     * @param nodes         circuit nodes (ground excluded)
     * @param engine        the structured solver against ngspice (cell nodes and sense currents)
     * @param reference     the generic direct solver against ngspice (every node and source current)
     * @param ngspiceNanos  ngspice's wall-clock time, nanoseconds
     * @param xbarNanos     the structured solver's time (prepare and solve), nanoseconds
     * @param spiceWarnings what ngspice warned about
     * @param description   what the case is, for reports
     */
    public record CaseResult(Case testCase, int nodes, SpiceCrossCheck.Result engine, SpiceCrossCheck.Result reference,
            long ngspiceNanos, long xbarNanos, List<String> spiceWarnings, String description) {

        /**
         * @param testCase      the case
         * @param nodes         circuit nodes (ground excluded)
         * @param engine        the structured solver against ngspice
         * @param reference     the generic direct solver against ngspice
         * @param ngspiceNanos  ngspice's wall-clock time, nanoseconds
         * @param xbarNanos     the structured solver's time, nanoseconds
         * @param spiceWarnings what ngspice warned about
         */
        public CaseResult(Case testCase, int nodes, SpiceCrossCheck.Result engine, SpiceCrossCheck.Result reference,
                long ngspiceNanos, long xbarNanos, List<String> spiceWarnings) {
            this(testCase, nodes, engine, reference, ngspiceNanos, xbarNanos, spiceWarnings, testCase.describe());
        }
        /** @return true when both comparisons pass and ngspice warned about no singular matrix */
        public boolean passed() {
            return engine.passed() && reference.passed() && spiceWarnings.stream().noneMatch(w -> w.contains("singular"));
        }

        /** @return the comparison with the larger share of its tolerance used */
        public SpiceCrossCheck.Result worse() {
            if (engine.worst() == null) {
                return reference;
            }
            if (reference.worst() == null) {
                return engine;
            }
            return engine.worst().share() >= reference.worst().share() ? engine : reference;
        }
    }

    /**
     * The default suite: sizes 8x8 to 256x256, seed 004's Table I corners of R_S (200, 800 ohm)
     * and R_N (0, 200 ohm), wires 0 to 10 ohm, single, row-pair and column-pair arrays, one- and
     * two-ended drive, floating (voltage-sensed) columns, TiO2 and TaOx devices. Crossbars with wires stop at 128x128, where one
     * ngspice run already takes about two minutes.
     *
     * @param quick true to leave out the cases that take ngspice more than a few seconds
     * @return the cases
     */
    public static List<Case> defaultCases(boolean quick) {
        Technology tio2 = Technology.TIO2;
        Technology taox = Technology.TAOX;
        List<Case> cases = new ArrayList<>();
        long seed = 4;
        for (double rs : new double[] {200, 800}) {
            for (double rn : new double[] {0, 200}) {
                cases.add(new Case("corner", 8, WeightMapping.SINGLE, tio2, rs, rn, 0, Drive.ONE_END, seed++));
                cases.add(new Case("corner-wired", 16, WeightMapping.ROW_PAIR, tio2, rs, rn, 2.5, Drive.ONE_END, seed++));
            }
        }
        for (double wire : new double[] {0.5, 1, 2.5, 10}) {
            cases.add(new Case("wires", 32, WeightMapping.SINGLE, tio2, 800, 200, wire, Drive.ONE_END, seed++));
        }
        cases.add(new Case("two-ended", 32, WeightMapping.SINGLE, tio2, 800, 200, 2.5, Drive.BOTH_ENDS, seed++));
        cases.add(new Case("two-ended", 32, WeightMapping.ROW_PAIR, tio2, 200, 0, 10, Drive.BOTH_ENDS, seed++));
        cases.add(new Case("two-ended-ideal", 32, WeightMapping.ROW_PAIR, tio2, 0, 200, 0, Drive.BOTH_ENDS, seed++));
        cases.add(new Case("column-pair", 16, WeightMapping.COLUMN_PAIR, tio2, 800, 200, 2.5, Drive.ONE_END, seed++));
        cases.add(new Case("taox", 32, WeightMapping.ROW_PAIR, taox, 800, 200, 2.5, Drive.ONE_END, seed++));
        cases.add(new Case("floating", 8, WeightMapping.SINGLE, tio2, 0, 0, 0, Drive.ONE_END, Sensing.VOLTAGE, seed++));
        cases.add(new Case("floating", 16, WeightMapping.SINGLE, tio2, 800, 0, 2.5, Drive.ONE_END, Sensing.VOLTAGE, seed++));
        cases.add(new Case("floating", 32, WeightMapping.ROW_PAIR, tio2, 200, 0, 10, Drive.BOTH_ENDS, Sensing.VOLTAGE, seed++));
        cases.add(new Case("floating", 16, WeightMapping.COLUMN_PAIR, taox, 800, 0, 2.5, Drive.ONE_END, Sensing.VOLTAGE,
                seed++));
        cases.add(new Case("no-wires", 128, WeightMapping.ROW_PAIR, tio2, 800, 200, 0, Drive.ONE_END, seed++));
        cases.add(new Case("wired", 64, WeightMapping.SINGLE, tio2, 800, 200, 2.5, Drive.ONE_END, seed++));
        cases.add(new Case("wired", 64, WeightMapping.ROW_PAIR, taox, 800, 0, 10, Drive.BOTH_ENDS, seed++));
        if (!quick) {
            cases.add(new Case("no-wires", 256, WeightMapping.SINGLE, tio2, 800, 200, 0, Drive.ONE_END, seed++));
            cases.add(new Case("no-wires", 256, WeightMapping.ROW_PAIR, tio2, 200, 200, 0, Drive.BOTH_ENDS, seed++));
            cases.add(new Case("wired", 128, WeightMapping.SINGLE, tio2, 800, 200, 2.5, Drive.ONE_END, seed++));
        }
        // Nonlinear (sinh) devices, solved by Newton's method with the structured solver inside; seeds of their own,
        // so that the linear cases above keep theirs.
        long nonlinearSeed = 100;
        cases.add(new Case("sinh", 8, WeightMapping.SINGLE, tio2, 800, 200, 0, Drive.ONE_END, Sensing.CURRENT,
                nonlinearSeed++, 1.0));
        cases.add(new Case("sinh-wired", 8, WeightMapping.SINGLE, tio2, 800, 200, 2.5, Drive.ONE_END, Sensing.CURRENT,
                nonlinearSeed++, 5.0));
        cases.add(new Case("sinh-wired", 16, WeightMapping.ROW_PAIR, tio2, 200, 200, 2.5, Drive.ONE_END, Sensing.CURRENT,
                nonlinearSeed++, 1.0));
        cases.add(new Case("sinh", 16, WeightMapping.SINGLE, tio2, 200, 0, 0, Drive.ONE_END, Sensing.CURRENT,
                nonlinearSeed++, 5.0));
        cases.add(new Case("sinh-floating", 16, WeightMapping.SINGLE, tio2, 800, 0, 2.5, Drive.ONE_END, Sensing.VOLTAGE,
                nonlinearSeed++, 5.0));
        // One-diode-one-resistor arrays: a diode selector in series with every device; seeds of their own
        long selectorSeed = 200;
        cases.add(new Case("1d1r", 8, WeightMapping.SINGLE, tio2, 800, 200, 0, Drive.ONE_END, Sensing.CURRENT,
                selectorSeed++, 0, true));
        cases.add(new Case("1d1r-wired", 16, WeightMapping.ROW_PAIR, tio2, 800, 200, 2.5, Drive.ONE_END, Sensing.CURRENT,
                selectorSeed++, 0, true));
        cases.add(new Case("1d1r-ground", 16, WeightMapping.SINGLE, tio2, 200, 0, 2.5, Drive.BOTH_ENDS, Sensing.CURRENT,
                selectorSeed++, 0, true));
        return cases;
    }

    /**
     * A network or neuron-sensed crossbar to check against ngspice.
     *
     * @param name       a short label
     * @param sizes      layer widths, inputs first (two entries: one crossbar)
     * @param kind       behavioral or transistor neurons
     * @param sourceOhms driver-to-row resistance, ohm
     * @param wireOhms   wire segment resistance, ohm
     * @param seed       seed of weights, biases and the input vector
     */
    public record NetworkCase(String name, int[] sizes, org.xbar.spec.InverterSpec.Kind kind, double sourceOhms,
            double wireOhms, long seed) {
        /** @return a description of the parameters */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < sizes.length; k++) {
                sb.append(k == 0 ? "" : "-").append(sizes[k]);
            }
            return String.format(Locale.ROOT, "%s network, %s neurons, R_S %s ohm, wire %s ohm", sb,
                    kind.toString().toLowerCase(Locale.ROOT), Case.trim(sourceOhms), Case.trim(wireOhms));
        }

        /** @return the network (seeded weights and biases on 6-bit PHAX devices) */
        public org.xbar.spec.NetworkSpec network() {
            return new LoadingStudy.Case(sizes, kind, sourceOhms, wireOhms, 1, seed).network();
        }

        /** @return the input vector: seeded, uniform in [-0.25, 0.25) V */
        public double[] input() {
            double[] v = InputBatch.random(1, sizes[0], 0.5, seed + 7).vector(0);
            for (int i = 0; i < v.length; i++) {
                v[i] -= 0.25;
            }
            return v;
        }
    }

    /** @return the network cases: behavioral and transistor neurons, one to three layers, with and without wires */
    public static List<NetworkCase> networkCases() {
        org.xbar.spec.InverterSpec.Kind mos = org.xbar.spec.InverterSpec.Kind.MOSFET;
        org.xbar.spec.InverterSpec.Kind beh = org.xbar.spec.InverterSpec.Kind.BEHAVIORAL;
        return List.of(new NetworkCase("neurons", new int[] {16, 8}, mos, 0, 2.5, 11),
                new NetworkCase("neurons", new int[] {16, 8}, beh, 800, 2.5, 12),
                new NetworkCase("network", new int[] {12, 6, 3}, mos, 0, 0, 13),
                new NetworkCase("network", new int[] {12, 6, 3}, mos, 1000, 5, 14),
                new NetworkCase("network", new int[] {12, 6, 3}, beh, 0, 5, 15),
                new NetworkCase("network", new int[] {24, 10, 6, 4}, mos, 0, 1, 16),
                new NetworkCase("network", new int[] {49, 16, 10}, mos, 0, 2.5, 17));
    }

    /**
     * Runs one network case: the whole network's netlist against xbar's Newton solve of the same
     * circuit, every node and source current.
     *
     * @param testCase the case
     * @param ngspice  the runner
     * @return its outcome
     */
    public static CaseResult runNetwork(NetworkCase testCase, Ngspice ngspice) {
        org.xbar.circuit.NetworkCircuit network = org.xbar.circuit.NetworkCircuit.of(testCase.network(), testCase.input());
        NgspiceCheck.Outcome outcome = NgspiceCheck.check(network.circuit(), "xbar validate " + testCase.describe(),
                List.of("xbar validate case: " + testCase.describe()), ngspice);
        Case label = new Case(testCase.name(), testCase.sizes()[0], WeightMapping.ROW_PAIR, Technology.PHAX,
                testCase.sourceOhms(), 0, testCase.wireOhms(), Drive.ONE_END, Sensing.VOLTAGE, testCase.seed());
        return new CaseResult(label, network.circuit().nodeCount() - 1, outcome.result(), outcome.result(),
                outcome.ngspiceNanos(), outcome.xbarNanos(), outcome.spiceWarnings(), testCase.describe());
    }

    /**
     * Runs one case.
     *
     * @param testCase the case
     * @param ngspice  the runner
     * @return its outcome
     */
    public static CaseResult run(Case testCase, Ngspice ngspice) {
        CrossbarSpec spec = testCase.spec();
        double[] input = testCase.input();
        CrossbarNetlist netlist = new CrossbarNetlist(spec, input);
        Ngspice.Run run = ngspice.run(netlist.text(List.of("xbar validate case: " + testCase.describe())));
        Map<String, String> alias = NgspiceCheck.aliases(netlist.circuit(), netlist.writer());

        CrossbarCircuit crossbar = netlist.crossbar();
        CrossbarSolver solver = new LineRelaxationSolver();
        solver.prepare(crossbar).solve(input);
        long start = System.nanoTime();
        CrossbarSolution solution = solver.prepare(crossbar).solve(input);
        long xbarNanos = System.nanoTime() - start;
        SpiceCrossCheck.Result engine = SpiceCrossCheck.compare(NgspiceCheck.crossbarValues(crossbar, input, solution),
                run.operatingPoint(), alias::get);

        SpiceCrossCheck.Result reference = SpiceCrossCheck.compare(
                SpiceCrossCheck.named(new org.xbar.solve.CircuitSolver().solve(netlist.circuit())), run.operatingPoint(),
                alias::get);
        return new CaseResult(testCase, netlist.circuit().nodeCount() - 1, engine, reference, run.nanos(), xbarNanos,
                run.warnings());
    }
}
