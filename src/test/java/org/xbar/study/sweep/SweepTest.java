package org.xbar.study.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xbar.TestCrossbars.assertAllClose;
import static org.xbar.TestCrossbars.assertClose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbar.compare.ErrorMetrics;
import org.xbar.io.CsvMatrix;
import org.xbar.model.AnalyticalModel;
import org.xbar.model.IdealModel;
import org.xbar.model.WireAwareModel;
import org.xbar.results.OutputBatch;
import org.xbar.solve.DirectCrossbarSolver;
import org.xbar.solve.LineRelaxationSolver;
import org.xbar.solve.NodalEngine;
import org.xbar.spec.CrossbarSpec;
import org.xbar.study.sweep.PointResult.ModelResult;

/** The sweep engine against direct calls, and the physics it must reproduce. */
class SweepTest {
    private static final String SMALL = """
            {"seed": 11, "studies": [
              {"name": "grid", "sizes": ["12x7"], "technologies": ["TiO2", "TaOx"], "mapping": "column-pair",
               "rsOhms": [0, 500], "rnOhms": [0, 150], "wireOhms": [0, 2], "inputs": {"vectors": 9}},
              {"name": "tiled", "sizes": ["20x9"], "tiles": ["none", "8x4"], "rsOhms": [300], "rnOhms": [60],
               "wireOhms": [1.5], "inputs": {"vectors": 25}},
              {"name": "varied", "sizes": ["10x6"], "rsOhms": [400], "rnOhms": [100], "chipDeviations": [-2, 2],
               "chipSigma": 0.1, "deviceSigma": [0, 0.2], "stuckOnRate": [0, 0.05], "stuckOffRate": [0.05],
               "inputs": {"vectors": 4}}
            ]}
            """;

    private static Sweep sweep() {
        return new Sweep(SweepConfig.parse("small.json", SMALL, Path.of("")), CsvMatrix::read);
    }

    private static Map<String, PointResult> run(Sweep sweep, int threads) {
        Map<String, PointResult> results = new HashMap<>();
        sweep.run(sweep.points(), threads, p -> true, r -> results.put(r.point().id(), r));
        return results;
    }

    /** Every point's numbers equal those of the same crossbars solved directly, tile by tile. */
    @Test
    void numbersMatchDirectCalls() {
        Sweep sweep = sweep();
        List<SweepPoint> points = sweep.points();
        assertEquals(16 + 2 + 8, points.size());
        Map<String, PointResult> results = run(sweep, 2);
        assertEquals(points.size(), results.size());
        NodalEngine direct = new NodalEngine(new DirectCrossbarSolver());
        for (SweepPoint p : points) {
            PointResult r = results.get(p.id());
            Sweep.Instance instance = sweep.instance(p);
            int vectors = instance.inputs().size();
            int outputs = p.size().cols();
            double[] exact = new double[vectors * outputs];
            double[] model = new double[vectors * outputs];
            double[] wire = new double[vectors * outputs];
            for (Sweep.Tile t : instance.tiles()) {
                add(direct.evaluate(t.crossbar(), t.inputs()), exact, outputs, t.firstOutput());
                add(new AnalyticalModel().evaluate(t.crossbar(), t.inputs()), model, outputs, t.firstOutput());
                add(new WireAwareModel().evaluate(t.crossbar(), t.inputs()), wire, outputs, t.firstOutput());
            }
            double[] ideal = new IdealModel().evaluate(instance.programmed().toSpec().build(), instance.inputs()).flat();
            assertAllClose(p + " exact", r.exactOutputs(), exact, 1e-9, 1e-15);
            Map<String, double[]> expected = Map.of("model", model, "wire-model", wire, "ideal", ideal);
            for (ModelResult m : r.models()) {
                assertAllClose(p + " " + m.model(), m.outputs(), expected.get(m.model()), 1e-12, 1e-18);
                ErrorMetrics e = ErrorMetrics.of(expected.get(m.model()), exact, outputs);
                assertClose(p + " " + m.model() + " nrmsd", m.metrics().nrmsdRange(), e.nrmsdRange(), 1e-5, 1e-12);
                assertClose(p + " " + m.model() + " nrmsd mean", m.metrics().nrmsdMean(), e.nrmsdMean(), 1e-5, 1e-12);
            }
            assertTrue(r.maxResidual() <= LineRelaxationSolver.DEFAULT_TOLERANCE, p + " residual " + r.maxResidual());
            assertPower(p, r, instance, 1e-9);
        }
    }

    /**
     * The point's power: every tile solved for every vector by the direct solver, its drivers'
     * power added up over the tiles, then the mean and the largest over the vectors.
     */
    private static void assertPower(SweepPoint p, PointResult r, Sweep.Instance instance, double tolerance) {
        int vectors = instance.inputs().size();
        double[] watts = new double[vectors];
        for (Sweep.Tile t : instance.tiles()) {
            org.xbar.circuit.CrossbarCircuit circuit = org.xbar.circuit.CrossbarCircuit.of(t.crossbar());
            var prepared = new DirectCrossbarSolver().prepare(circuit);
            for (int k = 0; k < vectors; k++) {
                double[] v = t.inputs().vector(k);
                watts[k] += org.xbar.results.PowerBreakdown.of(circuit, v, prepared.solve(v)).drawn();
            }
        }
        double mean = 0;
        double max = 0;
        for (double w : watts) {
            mean += w / vectors;
            max = Math.max(max, w);
        }
        assertClose(p + " mean power", r.powerMeanWatts(), mean, tolerance, 0);
        assertClose(p + " largest power", r.powerMaxWatts(), max, tolerance, 0);
    }

    /**
     * The nonlinearity axis: the exact outputs are the sinh crossbars' (Newton's method, here against
     * the generic Newton solver), the models see the programmed conductances (linear), a linear point
     * keeps the id it had before the axis existed, and the models' error grows with K.
     */
    @Test
    void theNonlinearityAxisSolvesSinhCrossbarsAndComparesTheLinearModels() {
        String config = """
                {"seed": 5, "studies": [{"name": "nl", "sizes": ["14x9"], "rsOhms": [300], "rnOhms": [80],
                  "wireOhms": [0, 2], "nonlinearity": [0, 2, 6], "inputs": {"vectors": 4, "volts": 0.5}}]}
                """;
        Sweep sweep = new Sweep(SweepConfig.parse("nl.json", config, Path.of("")), CsvMatrix::read);
        List<SweepPoint> points = sweep.points();
        assertEquals(6, points.size());
        Sweep linearOnly = new Sweep(SweepConfig.parse("l.json", config.replace("\"nonlinearity\": [0, 2, 6], ", ""),
                Path.of("")), CsvMatrix::read);
        List<String> linearIds = linearOnly.points().stream().map(SweepPoint::id).toList();
        Map<String, PointResult> results = run(sweep, 2);
        NodalEngine generic = new NodalEngine(new DirectCrossbarSolver());
        Map<Double, Double> modelError = new HashMap<>();
        for (SweepPoint p : points) {
            assertEquals(p.nonlinearity() == 0, linearIds.contains(p.id()), p + ": the id of a linear point is kept");
            PointResult r = results.get(p.id());
            Sweep.Instance instance = sweep.instance(p);
            Sweep.Tile tile = instance.tiles().get(0);
            assertEquals(p.nonlinearity() == 0, tile.crossbar().device().isLinear(), p.toString());
            assertEquals(p.nonlinearity() > 0 ? "line-relaxation-pcg-newton" : "line-relaxation-pcg", r.exactSolver());
            double[] exact = generic.evaluate(tile.crossbar(), tile.inputs()).flat();
            // two Newton iterations that both stop at ngspice's tolerances
            assertAllClose(p + " exact", r.exactOutputs(), exact, 1e-5, 1e-15);
            double[] model = new AnalyticalModel().evaluate(tile.crossbar().withDevice(org.xbar.spec.DeviceIv.LINEAR),
                    tile.inputs()).flat();
            ModelResult m = r.models().stream().filter(x -> x.model().equals("model")).findFirst().orElseThrow();
            assertAllClose(p + " model", m.outputs(), model, 0, 0);
            if (p.wireOhms() == 0) {
                modelError.put(p.nonlinearity(), m.metrics().nrmsdRange());
            }
            assertPower(p, r, instance, 1e-5);
        }
        assertTrue(modelError.get(0.0) < modelError.get(2.0) && modelError.get(2.0) < modelError.get(6.0),
                "the linear model's error grows with K: " + modelError);
    }

    private static void add(OutputBatch batch, double[] into, int outputs, int column) {
        for (int k = 0; k < batch.size(); k++) {
            for (int j = 0; j < batch.outputs(); j++) {
                into[k * outputs + column + j] += batch.get(k, j);
            }
        }
    }

    /**
     * DESIGN section 3: without wires the model is exact when R_S = 0 or R_N = 0; with R_S = R_N = 0
     * the ideal product is exact too. With both terminations, or with wires, the model is not.
     */
    @Test
    void modelErrorIsZeroExactlyWhereTheTheorySaysSo() {
        Sweep sweep = sweep();
        Map<String, PointResult> results = run(sweep, 2);
        int checked = 0;
        for (SweepPoint p : sweep.points()) {
            if (!p.study().name().equals("grid")) {
                continue;
            }
            PointResult r = results.get(p.id());
            boolean exactTheory = p.wireOhms() == 0 && (p.sourceOhms() == 0 || p.neuronOhms() == 0);
            for (ModelResult m : r.models()) {
                double nrmsd = m.metrics().nrmsdRange();
                if (m.model().equals("ideal")) {
                    boolean idealExact = p.wireOhms() == 0 && p.sourceOhms() == 0 && p.neuronOhms() == 0;
                    assertTrue(idealExact ? nrmsd < 1e-13 : nrmsd > 1e-5, p + " ideal " + nrmsd);
                } else {
                    assertTrue(exactTheory ? nrmsd < 1e-13 : nrmsd > 1e-9, p + " " + m.model() + " " + nrmsd);
                    assertClose(p + " ratio", m.meanRatio(), 1.0, exactTheory ? 1e-12 : 0.1, 0);
                }
                checked++;
            }
        }
        assertEquals(16 * 3, checked);
    }

    /** Tiles each have their own drivers and neurons: without parasitics a tiled matrix computes G V. */
    @Test
    void tilesSumToTheWholeProduct() {
        Sweep sweep = new Sweep(SweepConfig.parse("t.json", """
                {"studies": [{"name": "t", "sizes": ["20x9"], "tiles": ["8x4", "7x9"], "inputs": {"vectors": 3}}]}
                """, Path.of("")), CsvMatrix::read);
        for (SweepPoint p : sweep.points()) {
            PointResult r = sweep.evaluate(p, true);
            Sweep.Instance instance = sweep.instance(p);
            assertEquals(p.tile().tileFor(p.size()).rows() == 8 ? 3 * 3 : 3, instance.tiles().size());
            CrossbarSpec whole = instance.programmed().toSpec().build();
            double[] ideal = new IdealModel().evaluate(whole, instance.inputs()).flat();
            assertAllClose(p + " tiled exact = G V", r.exactOutputs(), ideal, 1e-12, 1e-18);
        }
    }

    /** Points run on one thread each, seeded by their parameters: thread count changes nothing. */
    @Test
    void sameNumbersOnAnyThreadCount() {
        Map<String, PointResult> one = run(sweep(), 1);
        Map<String, PointResult> four = run(sweep(), 4);
        assertEquals(one.keySet(), four.keySet());
        for (String id : one.keySet()) {
            List<ModelResult> a = one.get(id).models();
            List<ModelResult> b = four.get(id).models();
            for (int m = 0; m < a.size(); m++) {
                assertEquals(a.get(m).metrics(), b.get(m).metrics(), id + " " + a.get(m).model());
                assertEquals(a.get(m).meanRatio(), b.get(m).meanRatio(), id);
            }
            assertEquals(one.get(id).maxIterations(), four.get(id).maxIterations());
        }
    }

    /**
     * A sweep read from its configuration ships as a task that another process rebuilds it from:
     * serialized and read back (as a Spark executor does), it computes every point exactly as the
     * sweep does in place; a sweep built in code refuses to be shipped, naming the engine that can
     * run it.
     */
    @Test
    void aTaskShippedElsewhereComputesTheSamePoints() throws Exception {
        Sweep sweep = Sweep.fromConfig("small.json", SMALL, Path.of(""), CsvMatrix::read);
        java.util.Set<Integer> keep = java.util.Set.of(0, 3);
        org.xbar.study.runner.PointTask<PointResult.Measured> task = sweep.task(keep);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(task);
        }
        @SuppressWarnings("unchecked")
        org.xbar.study.runner.PointTask<PointResult.Measured> shipped = (org.xbar.study.runner.PointTask<PointResult.Measured>)
                new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())).readObject();
        for (SweepPoint p : sweep.points()) {
            PointResult here = sweep.evaluate(p, keep.contains(p.index()));
            PointResult there = shipped.compute(p.index()).result(p);
            assertEquals(here.maxIterations(), there.maxIterations(), p.id());
            assertEquals(here.powerMeanWatts(), there.powerMeanWatts(), p.id());
            assertEquals(keep.contains(p.index()), there.exactOutputs() != null, p.id());
            if (here.exactOutputs() != null) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(here.exactOutputs(), there.exactOutputs(), p.id());
            }
            for (int m = 0; m < here.models().size(); m++) {
                assertEquals(here.models().get(m).metrics(), there.models().get(m).metrics(), p.id());
            }
        }
        java.io.NotSerializableException refused = org.junit.jupiter.api.Assertions.assertThrows(
                java.io.NotSerializableException.class, () -> new java.io.ObjectOutputStream(
                        new java.io.ByteArrayOutputStream()).writeObject(sweep().task(keep)));
        assertTrue(refused.getMessage().contains("only the local engine"), refused.getMessage());
    }

    /** Every r_S and r_N of a study sees the same devices and inputs, so its curves are smooth. */
    @Test
    void pointsOfOneSizeShareDevicesAndInputs() {
        Sweep sweep = sweep();
        List<Sweep.Instance> grid = new ArrayList<>();
        for (SweepPoint p : sweep.points()) {
            if (p.study().name().equals("grid") && p.technology().name().equals("TiO2")) {
                grid.add(sweep.instance(p));
            }
        }
        for (Sweep.Instance i : grid) {
            assertEquals(grid.get(0).programmed(), i.programmed());
            assertAllClose("inputs", i.inputs().vector(3), grid.get(0).inputs().vector(3), 0, 0);
        }
    }

    /** Weights from a CSV set the size and are quantized and mapped like any weight matrix. */
    @Test
    void weightsFromACsv(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
        double[][] w = {{0.5, -1.0, 0.25}, {0.0, 0.75, -0.5}, {1.0, 0.1, -0.2}, {-0.3, 0.6, 0.9}};
        CsvMatrix.write(dir.resolve("w.csv"), w);
        java.nio.file.Files.writeString(dir.resolve("s.json"), """
                {"studies": [{"name": "csv", "weights": {"csv": "w.csv"}, "technologies": "TaOx", "rsOhms": [0, 300],
                 "inputs": {"vectors": 2}}]}
                """);
        SweepSpec spec = SweepConfig.parse("s.json", java.nio.file.Files.readString(dir.resolve("s.json")), dir);
        Sweep sweep = new Sweep(spec, CsvMatrix::read);
        List<SweepPoint> points = sweep.points();
        assertEquals(2, points.size());
        assertEquals(new SweepSpec.Size(4, 3), points.get(0).size());
        org.xbar.device.DeviceArrays expected = new org.xbar.device.WeightMapper(
                new org.xbar.device.Quantizer(org.xbar.device.Technology.TAOX, 4)).map(w, org.xbar.spec.WeightMapping.ROW_PAIR);
        assertEquals(expected, sweep.instance(points.get(1)).programmed());
        PointResult r = sweep.evaluate(points.get(0), false);
        assertTrue(r.models().get(0).metrics().nrmsdRange() < 1e-13, "R_S = R_N = 0: the model is exact");
    }
}
