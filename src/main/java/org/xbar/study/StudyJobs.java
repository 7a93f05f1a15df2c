package org.xbar.study;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbar.device.Distribution;
import org.xbar.device.StuckOff;
import org.xbar.device.Technology;
import org.xbar.device.Variation;
import org.xbar.io.JsonTree;
import org.xbar.network.Evaluator;
import org.xbar.network.FullScale;
import org.xbar.network.Hardware;
import org.xbar.network.TileShape;
import org.xbar.train.Awareness;
import org.xbar.train.PhaxLoss;

/**
 * The network study written out as jobs, before anything runs: every training (its network named
 * by a key that says what was trained), every evaluation (one row of {@code accuracy.csv}, with
 * its place in the table) and the PHAX parts. A job depends only on the networks it names, so
 * {@link NetworkStudy} can run all jobs whose networks exist at once, on any engine; the rows
 * keep the order in which this class lists them, whatever order they finish in.
 */
final class StudyJobs {
    /** The data a job trains on or is evaluated on. */
    enum Data {
        /** The MNIST digits. */
        MNIST("mnist"),
        /** Fashion-MNIST. */
        FASHION("fashion-mnist");

        private final String label;

        Data(String label) {
            this.label = label;
        }

        /** @return the name in {@code accuracy.csv}'s {@code dataset} column */
        String label() {
            return label;
        }
    }

    /** One job of the study. */
    sealed interface Job extends Serializable permits Training, Evaluation, Phax {
        /** @return the keys of the networks the job needs before it can start */
        List<String> needs();
    }

    /** Where a training starts. */
    sealed interface Start extends Serializable permits Initial, FineTune {
    }

    /**
     * From the seeded random weights of an MLP.
     *
     * @param layers the MLP's sizes, inputs first
     */
    record Initial(int[] layers) implements Start {
    }

    /**
     * From a network trained before.
     *
     * @param network the key of that network
     */
    record FineTune(String network) implements Start {
    }

    /**
     * A training.
     *
     * @param key        what is trained: the training, its data and hardware (also the checkpoint's key)
     * @param data       the training images
     * @param start      where it starts
     * @param hardware   the hardware it is aware of
     * @param awareness  how it sees that hardware
     * @param epochs     epochs
     */
    record Training(String key, Data data, Start start, Hardware hardware, Awareness awareness, int epochs) implements Job {
        @Override
        public List<String> needs() {
            return start instanceof FineTune f ? List.of(f.network()) : List.of();
        }
    }

    /**
     * An evaluation: one row of the table.
     *
     * @param order      the row's place in the table
     * @param study      the part of the study ({@code fig5}, {@code wires}, ...)
     * @param data       the test images
     * @param network    the key of the network evaluated
     * @param shape      that network's shape, such as {@code 784-500-10}
     * @param training   how it was trained, for the table ({@code ideal}, {@code seed-aware}, ...)
     * @param trainedFor the hardware it was trained for, for the table ({@code -} when none)
     * @param hardware   the hardware it is evaluated on
     * @param evaluator  how every tile is evaluated
     */
    record Evaluation(int order, String study, Data data, String network, String shape, String training, String trainedFor,
            Hardware hardware, Evaluator evaluator) implements Job {
        @Override
        public List<String> needs() {
            return List.of(network);
        }

        /**
         * @param testImages the test images it is evaluated on
         * @param accuracy   percent
         * @param seconds    time of the evaluation
         * @param meanLevel  mean |level| of the first layer's devices
         * @return the row
         */
        AccuracyRow row(int testImages, double accuracy, double seconds, double meanLevel) {
            Variation v = hardware.variation();
            return new AccuracyRow(data.label(), shape, training, hardware.technology().name(), hardware.sourceOhms(),
                    hardware.neuronOhms(), hardware.wireOhms(), hardware.tile().label(), v.chipDeviations(), evaluator.label(),
                    accuracy, study, trainedFor, v.chipSigma(), testImages, seconds, hardware.fullScale().label(), meanLevel);
        }
    }

    /**
     * A PHAX network trained with one loss and evaluated by its ideal model and at circuit level
     * with behavioral and with MOSFET neurons: three rows.
     *
     * @param order the first row's place in the table
     * @param loss  the training loss
     */
    record Phax(int order, PhaxLoss loss) implements Job {
        /** The evaluators of its rows, in order. */
        static final List<String> EVALUATORS = List.of("ideal", "behavioral", "mosfet");

        @Override
        public List<String> needs() {
            return List.of();
        }

        /**
         * @param shape     the PHAX network's shape
         * @param loss      the loss it was trained with
         * @param evaluator one of {@link #EVALUATORS}
         * @param accuracy  percent
         * @param images    test images evaluated
         * @param seconds   time of the evaluation
         * @return the row
         */
        static AccuracyRow row(String shape, PhaxLoss loss, String evaluator, double accuracy, int images, double seconds) {
            return new AccuracyRow("mnist", shape, "phax", Technology.PHAX.name(), 0, 0, 0, "full", 0, evaluator, accuracy,
                    "phax", "loss=" + loss.label(), 0, images, seconds, "-", Double.NaN);
        }
    }

    private final StudyPlan plan;
    private final Map<String, Training> trainings = new LinkedHashMap<>();
    private final List<Job> rows = new ArrayList<>();
    private int next;

    private StudyJobs(StudyPlan plan, boolean fashion) {
        this.plan = plan;
        String base = baseline();
        fig5(base);
        fig6(base);
        fig7(base);
        wires(base);
        fullScale(base);
        if (fashion) {
            fashion();
        }
        for (PhaxLoss loss : new PhaxLoss[] {PhaxLoss.CROSS_ENTROPY, PhaxLoss.OUTPUT_SQUARED_ERROR}) {
            rows.add(new Phax(next, loss));
            next += Phax.EVALUATORS.size();
        }
    }

    /**
     * @param plan    the study's plan
     * @param fashion true to include the Fashion-MNIST part
     * @return every job of the plan
     */
    static StudyJobs of(StudyPlan plan, boolean fashion) {
        return new StudyJobs(plan, fashion);
    }

    /** @return every training, each network once, in the order the study first needs them */
    Map<String, Training> trainings() {
        return trainings;
    }

    /** @return the evaluations and PHAX parts, in the order of their rows */
    List<Job> rows() {
        return rows;
    }

    /** @return the number of rows of the whole study */
    int rowCount() {
        return next;
    }

    private static Hardware hardware(Technology technology, double rs, double rn, double wire, TileShape tile) {
        return Hardware.ideal(technology).withTerminations(rs, rn).withWires(wire).withTile(tile);
    }

    private static Hardware worst(double wire, TileShape tile) {
        return hardware(Technology.TIO2, StudyPlan.WORST_SOURCE_OHMS, StudyPlan.WORST_NEURON_OHMS, wire, tile);
    }

    /**
     * @param h hardware
     * @return what the table and the training keys say of it: {@code TiO2 rs=800 rn=200 wire=0 tile=full}
     */
    static String describe(Hardware h) {
        Variation v = h.variation();
        return String.format(Locale.ROOT, "%s rs=%s rn=%s wire=%s tile=%s%s", h.technology().name(), JsonTree.plain(h.sourceOhms()),
                JsonTree.plain(h.neuronOhms()), JsonTree.plain(h.wireOhms()), h.tile().label(),
                v.chipSigma() * v.chipDeviations() == 0 ? "" : " n=" + JsonTree.plain(v.chipDeviations()));
    }

    private String train(String key, Data data, Start start, Hardware hardware, Awareness awareness, int epochs) {
        trainings.putIfAbsent(key, new Training(key, data, start, hardware, awareness, epochs));
        return key;
    }

    private String seedAware(String base, Hardware h) {
        return train("seed-aware " + describe(h), Data.MNIST, new FineTune(base), h, Awareness.SEED, plan.awareEpochs());
    }

    private void evaluate(String study, Data data, String network, String training, String trainedFor, Hardware h,
            Evaluator... evaluators) {
        for (Evaluator e : evaluators) {
            rows.add(new Evaluation(next++, study, data, network, plan.shape(), training, trainedFor, h, e));
        }
    }

    private String baseline() {
        String base = train("ideal " + plan.shape(), Data.MNIST, new Initial(plan.layers()), Hardware.ideal(Technology.TIO2),
                Awareness.NONE, plan.idealEpochs());
        for (Technology t : plan.technologies()) {
            evaluate("baseline", Data.MNIST, base, "ideal", "-", hardware(t, 0, 0, 0, TileShape.FULL), Evaluator.IDEAL);
        }
        // aware training fine-tunes the base for more epochs: the same epochs of ideal training, for a fair comparison
        String longer = train("ideal longer " + plan.shape(), Data.MNIST, new FineTune(base), Hardware.ideal(Technology.TIO2),
                Awareness.NONE, plan.awareEpochs());
        evaluate("baseline", Data.MNIST, longer, "ideal", "- (+" + plan.awareEpochs() + " epochs)",
                hardware(plan.technologies().get(0), 0, 0, 0, TileShape.FULL), Evaluator.IDEAL);
        return base;
    }

    private void fig5(String base) {
        for (Technology t : plan.technologies()) {
            for (double rs : plan.sources()) {
                for (double rn : plan.neurons()) {
                    Hardware h = hardware(t, rs, rn, 0, TileShape.FULL);
                    evaluate("fig5", Data.MNIST, base, "ideal", "-", h, Evaluator.MODEL, Evaluator.NODAL);
                    evaluate("fig5", Data.MNIST, seedAware(base, h), "seed-aware", describe(h), h, Evaluator.MODEL,
                            Evaluator.NODAL);
                }
            }
        }
    }

    private void fig6(String base) {
        Hardware nominal = worst(0, TileShape.FULL);
        String forNominal = seedAware(base, nominal);
        for (double n : plan.chipDeviations()) {
            Hardware chip = nominal.withVariation(new Variation(0, Distribution.LOGNORMAL, plan.chipSigma(), n, 0, 0,
                    StuckOff.GMIN, NetworkStudy.SEED));
            evaluate("fig6", Data.MNIST, base, "ideal", "-", chip, Evaluator.MODEL, Evaluator.NODAL);
            evaluate("fig6", Data.MNIST, forNominal, "seed-aware", describe(nominal), chip, Evaluator.MODEL, Evaluator.NODAL);
            if (n != 0) {
                evaluate("fig6", Data.MNIST, seedAware(base, chip), "seed-aware", describe(chip), chip, Evaluator.MODEL,
                        Evaluator.NODAL);
            }
        }
    }

    private void fig7(String base) {
        for (TileShape tile : plan.tiles()) {
            Hardware h = worst(0, tile);
            evaluate("fig7", Data.MNIST, base, "ideal", "-", h, Evaluator.MODEL, Evaluator.NODAL);
            evaluate("fig7", Data.MNIST, seedAware(base, h), "seed-aware", describe(h), h, Evaluator.MODEL, Evaluator.NODAL);
        }
    }

    private void wires(String base) {
        Evaluator[] all = {Evaluator.MODEL, Evaluator.WIRE_AWARE, Evaluator.NODAL};
        for (TileShape tile : plan.wireTiles()) {
            String seed = seedAware(base, worst(0, tile));
            for (double wire : plan.wires()) {
                Hardware h = worst(wire, tile);
                String wireAware = train("wire-aware " + describe(h), Data.MNIST, new FineTune(base), h, Awareness.WIRE,
                        plan.awareEpochs());
                evaluate("wires", Data.MNIST, base, "ideal", "-", h, all);
                evaluate("wires", Data.MNIST, seed, "seed-aware", describe(worst(0, tile)), h, all);
                evaluate("wires", Data.MNIST, wireAware, "wire-aware", describe(h), h, all);
            }
        }
    }

    private void fullScale(String base) {
        for (FullScale rule : plan.fullScales()) {
            Hardware h = worst(0, TileShape.FULL).withFullScale(rule);
            evaluate("fullscale", Data.MNIST, base, "ideal", "-", h, Evaluator.IDEAL, Evaluator.MODEL, Evaluator.NODAL);
            boolean max = rule.rule() == FullScale.Rule.MAX;
            String aware = max ? seedAware(base, h)
                    : train("seed-aware " + describe(h) + " W_max " + rule.label(), Data.MNIST, new FineTune(base), h,
                            Awareness.SEED, plan.awareEpochs());
            evaluate("fullscale", Data.MNIST, aware, "seed-aware", describe(h) + (max ? "" : " W_max " + rule.label()), h,
                    Evaluator.MODEL, Evaluator.NODAL);
        }
    }

    private void fashion() {
        String base = train("ideal fashion " + plan.shape(), Data.FASHION, new Initial(plan.layers()),
                Hardware.ideal(Technology.TIO2), Awareness.NONE, plan.fashionEpochs());
        Hardware h = worst(0, TileShape.FULL);
        evaluate("fashion", Data.FASHION, base, "ideal", "-", h, Evaluator.IDEAL);
        String aware = train("seed-aware fashion " + describe(h), Data.FASHION, new FineTune(base), h, Awareness.SEED,
                Math.max(1, plan.fashionEpochs() / 2));
        for (Evaluator e : new Evaluator[] {Evaluator.MODEL, Evaluator.NODAL}) {
            evaluate("fashion", Data.FASHION, base, "ideal", "-", h, e);
            evaluate("fashion", Data.FASHION, aware, "seed-aware", describe(h), h, e);
        }
    }
}
