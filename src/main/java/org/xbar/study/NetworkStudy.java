package org.xbar.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xbar.data.DataSplit;
import org.xbar.data.Dataset;
import org.xbar.dense.DenseOps;
import org.xbar.device.Distribution;
import org.xbar.device.StuckOff;
import org.xbar.device.Technology;
import org.xbar.device.Variation;
import org.xbar.io.JsonTree;
import org.xbar.network.CrossbarNetwork;
import org.xbar.network.EffectiveNetwork;
import org.xbar.network.Evaluator;
import org.xbar.network.FullScale;
import org.xbar.network.Hardware;
import org.xbar.network.Network;
import org.xbar.network.TileShape;
import org.xbar.spec.InverterSpec;
import org.xbar.train.Awareness;
import org.xbar.train.PhaxLoss;
import org.xbar.train.PhaxNetwork;
import org.xbar.train.PhaxOptions;
import org.xbar.train.PhaxTrainer;
import org.xbar.train.Trainer;
import org.xbar.train.TrainingOptions;

/**
 * The network accuracy study (issue 10): how many points of accuracy a network loses on crossbars,
 * evaluated by seed 004's model and by exact nodal analysis of every tile, and how much training
 * wins back. Its parts:
 * <ul>
 *   <li>{@code baseline}: the ideally trained network on ideal crossbars (its 4-bit accuracy), and
 *       the same trained for as many more epochs as aware training fine-tunes it (so that what aware
 *       training wins is not mistaken for what more epochs win);</li>
 *   <li>{@code fig5}: seed 004 Fig. 5, accuracy against (R_S, R_N) for each technology, ideally
 *       trained and technology-aware trained (fine-tuning the ideal network through the seed model
 *       of that hardware), each evaluated by the seed model and exactly;</li>
 *   <li>{@code fig6}: Fig. 6, chip-to-chip variation from -2 sigma to +2 sigma at the worst corner:
 *       the ideal network, the network trained for the nominal chip, and one trained knowing its chip;</li>
 *   <li>{@code fig7}: Fig. 7, tile size from one crossbar per layer down to 64x64 at the worst corner;</li>
 *   <li>{@code wires}: beyond the seed, wire resistance per segment evaluated exactly, with seed-aware
 *       and wire-aware training, for several tile sizes;</li>
 *   <li>{@code fullscale}: beyond the seed, the rule for each layer's {@code W_max} at the worst
 *       corner: a percentile clips the largest weights and fills the crossbars with higher levels,
 *       finer quantization against more attenuation;</li>
 *   <li>{@code fashion}: the baseline and the worst corner on Fashion-MNIST;</li>
 *   <li>{@code phax}: a PHAX inverter-neuron network on 14x14 MNIST trained ex situ (seed 001) with
 *       our loss and with PHAX's squared error, evaluated by its ideal model and at circuit level with
 *       behavioral and with level-1 MOSFET neurons (the whole network solved by Newton, every
 *       inverter loaded by the next crossbar).</li>
 * </ul>
 * Every training is seeded, so the study gives the same accuracies on any machine; only the
 * times vary.
 */
public final class NetworkStudy {
    /** The seed of every training of the study. */
    public static final long SEED = 1;

    private final StudyPlan plan;
    private final DataSplit mnist;
    private final DataSplit fashion;
    private final int threads;
    private final Listener listener;
    private final Checkpoints checkpoints;
    private final List<AccuracyRow> rows = new ArrayList<>();
    private final Map<String, Network> trained = new LinkedHashMap<>();

    /** Follows the study. */
    public interface Listener {
        /**
         * @param what a line saying what starts now
         */
        void started(String what);

        /**
         * @param rows every row so far (to write them as they come)
         */
        void rows(List<AccuracyRow> rows);
    }

    /**
     * What an earlier run of the same plan left: trained networks and finished rows, so that an
     * interrupted study resumes where it stopped. Every training and every evaluation is seeded, so
     * a network or a row taken from here equals the one the study would compute again.
     */
    public interface Checkpoints {
        /** Nothing kept: every network is trained and every row computed. */
        Checkpoints NONE = new Checkpoints() {
            @Override
            public Optional<Network> network(String key) {
                return Optional.empty();
            }

            @Override
            public void save(String key, Network network) {
            }

            @Override
            public Optional<AccuracyRow> row(String key) {
                return Optional.empty();
            }
        };

        /**
         * @param key what was trained: the training, its data and hardware
         * @return the network trained under that key before, if kept
         */
        Optional<Network> network(String key);

        /**
         * Keeps a network just trained.
         *
         * @param key     what was trained
         * @param network the network
         */
        void save(String key, Network network);

        /**
         * @param key an {@link AccuracyRow#key()}
         * @return the row computed under that key before, if kept
         */
        Optional<AccuracyRow> row(String key);
    }

    /**
     * @param plan     what to run
     * @param mnist    the MNIST split (cut to the plan's sizes here)
     * @param fashion  the Fashion-MNIST split, or {@code null} when the plan skips it
     * @param threads  threads for the dense products
     * @param listener follows the study
     */
    public NetworkStudy(StudyPlan plan, DataSplit mnist, DataSplit fashion, int threads, Listener listener) {
        this(plan, mnist, fashion, threads, listener, Checkpoints.NONE);
    }

    /**
     * @param plan        what to run
     * @param mnist       the MNIST split (cut to the plan's sizes here)
     * @param fashion     the Fashion-MNIST split, or {@code null} when the plan skips it
     * @param threads     threads for the dense products
     * @param listener    follows the study
     * @param checkpoints what an earlier run of this plan left, reused instead of computed again
     */
    public NetworkStudy(StudyPlan plan, DataSplit mnist, DataSplit fashion, int threads, Listener listener,
            Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
        this.plan = plan;
        this.mnist = cut(mnist, plan.trainImages(), plan.testImages());
        this.fashion = fashion == null ? null : cut(fashion, plan.fashionTrainImages(), plan.fashionTestImages());
        this.threads = threads;
        this.listener = listener;
    }

    private static DataSplit cut(DataSplit split, int train, int test) {
        return new DataSplit(split.train().first(Math.min(train, split.train().size())),
                split.test().first(Math.min(test, split.test().size())));
    }

    /** @return the MNIST split the study uses */
    public DataSplit mnist() {
        return mnist;
    }

    /** @return the rows so far */
    public List<AccuracyRow> rows() {
        return List.copyOf(rows);
    }

    /**
     * Runs every part of the plan but PHAX, in order.
     *
     * @return every row
     */
    public List<AccuracyRow> run() {
        Network base = baseline();
        fig5(base);
        fig6(base);
        fig7(base);
        wires(base);
        fullScale(base);
        if (fashion != null) {
            fashion();
        }
        phax();
        return rows();
    }

    private static Hardware hardware(Technology technology, double rs, double rn, double wire, TileShape tile) {
        return Hardware.ideal(technology).withTerminations(rs, rn).withWires(wire).withTile(tile);
    }

    private Hardware worst(double wire, TileShape tile) {
        return hardware(Technology.TIO2, StudyPlan.WORST_SOURCE_OHMS, StudyPlan.WORST_NEURON_OHMS, wire, tile);
    }

    private static String describe(Hardware h) {
        Variation v = h.variation();
        return String.format(Locale.ROOT, "%s rs=%s rn=%s wire=%s tile=%s%s", h.technology().name(), JsonTree.plain(h.sourceOhms()),
                JsonTree.plain(h.neuronOhms()), JsonTree.plain(h.wireOhms()), h.tile().label(),
                v.chipSigma() * v.chipDeviations() == 0 ? "" : " n=" + JsonTree.plain(v.chipDeviations()));
    }

    private Network train(String key, DataSplit data, Network start, Hardware hardware, Awareness awareness, int epochs) {
        return trained.computeIfAbsent(key, k -> {
            Optional<Network> kept = checkpoints.network(k);
            if (kept.isPresent()) {
                listener.started("reusing the network of an earlier run: " + k);
                return kept.get();
            }
            listener.started("training " + k);
            int batch = Math.min(plan.batch(), data.train().size());
            int steps = (data.train().size() + batch - 1) / batch;
            TrainingOptions options = new TrainingOptions(epochs, plan.batch(), plan.learningRate(), 0, SEED, awareness, steps,
                    threads);
            Network network = Trainer.train(start, data, hardware, options, new Trainer.Listener() {
            }).network();
            checkpoints.save(k, network);
            return network;
        });
    }

    private Network baseline() {
        listener.started("baseline: ideal training of " + plan.shape());
        Network base = train("ideal " + plan.shape(), mnist, Trainer.initial(plan.layers(), SEED),
                Hardware.ideal(Technology.TIO2), Awareness.NONE, plan.idealEpochs());
        for (Technology t : plan.technologies()) {
            evaluate("baseline", "mnist", base, "ideal", "-", hardware(t, 0, 0, 0, TileShape.FULL), Evaluator.IDEAL, mnist.test());
        }
        // aware training fine-tunes the base for more epochs: the same epochs of ideal training, for a fair comparison
        Network longer = train("ideal longer " + plan.shape(), mnist, base, Hardware.ideal(Technology.TIO2), Awareness.NONE,
                plan.awareEpochs());
        evaluate("baseline", "mnist", longer, "ideal", "- (+" + plan.awareEpochs() + " epochs)",
                hardware(plan.technologies().get(0), 0, 0, 0, TileShape.FULL), Evaluator.IDEAL, mnist.test());
        return base;
    }

    private Network seedAware(Network base, Hardware h) {
        return train("seed-aware " + describe(h), mnist, base, h, Awareness.SEED, plan.awareEpochs());
    }

    private void fig5(Network base) {
        for (Technology t : plan.technologies()) {
            for (double rs : plan.sources()) {
                for (double rn : plan.neurons()) {
                    Hardware h = hardware(t, rs, rn, 0, TileShape.FULL);
                    listener.started("fig5: " + describe(h));
                    evaluateBoth("fig5", base, "ideal", "-", h, Evaluator.MODEL, Evaluator.NODAL);
                    evaluateBoth("fig5", seedAware(base, h), "seed-aware", describe(h), h, Evaluator.MODEL, Evaluator.NODAL);
                }
            }
        }
    }

    private void fig6(Network base) {
        Hardware nominal = worst(0, TileShape.FULL);
        Network forNominal = seedAware(base, nominal);
        for (double n : plan.chipDeviations()) {
            Hardware chip = nominal.withVariation(new Variation(0, Distribution.LOGNORMAL, plan.chipSigma(), n, 0, 0, StuckOff.GMIN, SEED));
            listener.started("fig6: " + describe(chip));
            evaluateBoth("fig6", base, "ideal", "-", chip, Evaluator.MODEL, Evaluator.NODAL);
            evaluateBoth("fig6", forNominal, "seed-aware", describe(nominal), chip, Evaluator.MODEL, Evaluator.NODAL);
            if (n != 0) {
                evaluateBoth("fig6", seedAware(base, chip), "seed-aware", describe(chip), chip, Evaluator.MODEL, Evaluator.NODAL);
            }
        }
    }

    private void fig7(Network base) {
        for (TileShape tile : plan.tiles()) {
            Hardware h = worst(0, tile);
            listener.started("fig7: " + describe(h));
            evaluateBoth("fig7", base, "ideal", "-", h, Evaluator.MODEL, Evaluator.NODAL);
            evaluateBoth("fig7", seedAware(base, h), "seed-aware", describe(h), h, Evaluator.MODEL, Evaluator.NODAL);
        }
    }

    private void wires(Network base) {
        for (TileShape tile : plan.wireTiles()) {
            Network seed = seedAware(base, worst(0, tile));
            for (double wire : plan.wires()) {
                Hardware h = worst(wire, tile);
                listener.started("wires: " + describe(h));
                Network wireAware = train("wire-aware " + describe(h), mnist, base, h, Awareness.WIRE, plan.awareEpochs());
                Evaluator[] all = {Evaluator.MODEL, Evaluator.WIRE_AWARE, Evaluator.NODAL};
                evaluateBoth("wires", base, "ideal", "-", h, all);
                evaluateBoth("wires", seed, "seed-aware", describe(worst(0, tile)), h, all);
                evaluateBoth("wires", wireAware, "wire-aware", describe(h), h, all);
            }
        }
    }

    private void fullScale(Network base) {
        for (FullScale rule : plan.fullScales()) {
            Hardware h = worst(0, TileShape.FULL).withFullScale(rule);
            listener.started("full scale: " + describe(h) + " W_max " + rule.label());
            evaluateBoth("fullscale", base, "ideal", "-", h, Evaluator.IDEAL, Evaluator.MODEL, Evaluator.NODAL);
            Network aware = rule.rule() == FullScale.Rule.MAX ? seedAware(base, h)
                    : train("seed-aware " + describe(h) + " W_max " + rule.label(), mnist, base, h, Awareness.SEED,
                            plan.awareEpochs());
            evaluateBoth("fullscale", aware, "seed-aware", describe(h) + (rule.rule() == FullScale.Rule.MAX ? ""
                    : " W_max " + rule.label()), h, Evaluator.MODEL,
                    Evaluator.NODAL);
        }
    }

    private void fashion() {
        listener.started("fashion: ideal training of " + plan.shape() + " on Fashion-MNIST");
        Network base = train("ideal fashion " + plan.shape(), fashion, Trainer.initial(plan.layers(), SEED),
                Hardware.ideal(Technology.TIO2), Awareness.NONE, plan.fashionEpochs());
        Hardware h = worst(0, TileShape.FULL);
        evaluate("fashion", "fashion-mnist", base, "ideal", "-", h, Evaluator.IDEAL, fashion.test());
        Network aware = train("seed-aware fashion " + describe(h), fashion, base, h, Awareness.SEED,
                Math.max(1, plan.fashionEpochs() / 2));
        for (Evaluator e : new Evaluator[] {Evaluator.MODEL, Evaluator.NODAL}) {
            evaluate("fashion", "fashion-mnist", base, "ideal", "-", h, e, fashion.test());
            evaluate("fashion", "fashion-mnist", aware, "seed-aware", describe(h), h, e, fashion.test());
        }
    }

    private void phax() {
        DataSplit small = mnist.downsampled();
        for (PhaxLoss loss : new PhaxLoss[] {PhaxLoss.CROSS_ENTROPY, PhaxLoss.OUTPUT_SQUARED_ERROR}) {
            String lossLabel = "loss=" + loss.label();
            int circuitImages = Math.min(plan.phaxCircuitImages(), small.test().size());
            List<Optional<AccuracyRow>> kept = List.of(
                    checkpoints.row(phaxRow(lossLabel, "ideal", Double.NaN, small.test().size(), Double.NaN).key()),
                    checkpoints.row(phaxRow(lossLabel, "behavioral", Double.NaN, circuitImages, Double.NaN).key()),
                    checkpoints.row(phaxRow(lossLabel, "mosfet", Double.NaN, circuitImages, Double.NaN).key()));
            if (kept.stream().allMatch(Optional::isPresent)) {
                listener.started("phax: reusing the rows of an earlier run for " + lossLabel);
                kept.forEach(r -> rows.add(r.get()));
                listener.rows(rows());
                continue;
            }
            listener.started("phax: training " + plan.phaxShape() + " with the loss " + loss.label());
            PhaxOptions options = new PhaxOptions(plan.phaxEpochs(), 32, 0.3, 0.9, loss, SEED, threads);
            PhaxNetwork network = PhaxTrainer.train(PhaxTrainer.initial(plan.phaxLayers(), SEED), small, options,
                    new Trainer.Listener() {
                    }).network();
            String trainedFor = "loss=" + loss.label();
            long start = System.nanoTime();
            double ideal = PhaxTrainer.accuracyPercent(network, small.test());
            rows.add(phaxRow(trainedFor, "ideal", ideal, small.test().size(), (System.nanoTime() - start) * 1e-9));
            int count = Math.min(plan.phaxCircuitImages(), small.test().size());
            for (InverterSpec.Kind kind : InverterSpec.Kind.values()) {
                listener.started("phax: " + count + " test images at circuit level, " + kind.toString().toLowerCase(Locale.ROOT)
                        + " neurons");
                NetworkAccuracy.Result r = NetworkAccuracy.classify(network.spec(kind), small.test(), count, threads);
                rows.add(phaxRow(trainedFor, kind == InverterSpec.Kind.MOSFET ? "mosfet" : "behavioral", r.percent(), count,
                        r.nanos() * 1e-9));
            }
            listener.rows(rows());
        }
    }

    private AccuracyRow phaxRow(String trainedFor, String evaluator, double accuracy, int images, double seconds) {
        return new AccuracyRow("mnist", plan.phaxShape(), "phax", Technology.PHAX.name(), 0, 0, 0, "full", 0, evaluator, accuracy,
                "phax", trainedFor, 0, images, seconds, "-", Double.NaN);
    }

    private void evaluateBoth(String study, Network network, String training, String trainedFor, Hardware h,
            Evaluator... evaluators) {
        for (Evaluator e : evaluators) {
            evaluate(study, "mnist", network, training, trainedFor, h, e, mnist.test());
        }
    }

    private void evaluate(String study, String dataset, Network network, String training, String trainedFor, Hardware h,
            Evaluator evaluator, Dataset test) {
        Variation v = h.variation();
        String key = new AccuracyRow(dataset, network.shape(), training, h.technology().name(), h.sourceOhms(), h.neuronOhms(),
                h.wireOhms(), h.tile().label(), v.chipDeviations(), evaluator.label(), Double.NaN, study, trainedFor,
                v.chipSigma(), test.size(), Double.NaN, h.fullScale().label(), Double.NaN).key();
        Optional<AccuracyRow> kept = checkpoints.row(key);
        if (kept.isPresent()) {
            rows.add(kept.get());
            listener.rows(rows());
            return;
        }
        long start = System.nanoTime();
        CrossbarNetwork mapped = CrossbarNetwork.map(network, h);
        EffectiveNetwork effective = mapped.effective(evaluator);
        double[] y = effective.outputs(test.pixels(), test.size(), DenseOps.ejml(threads));
        double accuracy = EffectiveNetwork.accuracyPercent(EffectiveNetwork.classes(y, test.size()), test.labels());
        rows.add(new AccuracyRow(dataset, network.shape(), training, h.technology().name(), h.sourceOhms(), h.neuronOhms(),
                h.wireOhms(), h.tile().label(), v.chipDeviations(), evaluator.label(), accuracy, study, trainedFor,
                v.chipSigma(), test.size(), (System.nanoTime() - start) * 1e-9, h.fullScale().label(),
                meanLevel(mapped.layers().get(0).levels())));
        listener.rows(rows());
    }

    private static double meanLevel(int[] levels) {
        long sum = 0;
        for (int q : levels) {
            sum += Math.abs(q);
        }
        return (double) sum / levels.length;
    }
}
