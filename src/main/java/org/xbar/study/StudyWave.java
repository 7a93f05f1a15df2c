package org.xbar.study;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbar.data.DataSplit;
import org.xbar.data.Dataset;
import org.xbar.dense.DenseOps;
import org.xbar.network.CrossbarNetwork;
import org.xbar.network.EffectiveNetwork;
import org.xbar.network.Network;
import org.xbar.spec.InverterSpec;
import org.xbar.study.StudyJobs.Evaluation;
import org.xbar.study.StudyJobs.FineTune;
import org.xbar.study.StudyJobs.Initial;
import org.xbar.study.StudyJobs.Job;
import org.xbar.study.StudyJobs.Phax;
import org.xbar.study.StudyJobs.Training;
import org.xbar.study.runner.PointTask;
import org.xbar.train.PhaxNetwork;
import org.xbar.train.PhaxOptions;
import org.xbar.train.PhaxTrainer;
import org.xbar.train.Trainer;
import org.xbar.train.TrainingOptions;

/**
 * The jobs of the study that can run at once (their networks exist), as points of a
 * {@link org.xbar.study.runner.PointRunner}: point {@code k} is job {@code k}. It carries all that
 * its jobs need - the plan, the data and the networks they start from or evaluate - so that an
 * engine may compute its points in other processes; every training and evaluation is seeded, so a
 * point gives the same numbers wherever it runs.
 */
final class StudyWave implements PointTask<StudyWave.Result> {
    private static final long serialVersionUID = 1L;

    /** What a point gives. */
    sealed interface Result extends Serializable permits Trained, Evaluated {
    }

    /**
     * A network trained.
     *
     * @param training the job
     * @param network  the network
     * @param seconds  time of the training
     */
    record Trained(Training training, Network network, double seconds) implements Result {
    }

    /**
     * Rows of the table.
     *
     * @param first the first row's place in the table
     * @param rows  the rows, in order
     */
    record Evaluated(int first, List<AccuracyRow> rows) implements Result {
    }

    private final StudyPlan plan;
    private final EnumMap<StudyJobs.Data, DataSplit> data;
    private final int threads;
    private final ArrayList<Job> jobs;
    private final HashMap<String, Network> networks;

    /**
     * @param plan     the study's plan
     * @param data     the data sets, cut to the plan's sizes
     * @param threads  threads of each point's products and solves
     * @param jobs     the jobs, point {@code k} being job {@code k}
     * @param networks every network the jobs need, by key
     */
    StudyWave(StudyPlan plan, Map<StudyJobs.Data, DataSplit> data, int threads, List<Job> jobs, Map<String, Network> networks) {
        this.plan = plan;
        this.data = new EnumMap<>(data);
        this.threads = threads;
        this.jobs = new ArrayList<>(jobs);
        this.networks = new HashMap<>(networks);
    }

    @Override
    public Result compute(int index) {
        Job job = jobs.get(index);
        if (job instanceof Training t) {
            return train(t);
        }
        return job instanceof Evaluation e ? evaluate(e) : phax((Phax) job);
    }

    private Trained train(Training job) {
        long start = System.nanoTime();
        DataSplit split = data.get(job.data());
        Network from = job.start() instanceof FineTune f ? networks.get(f.network())
                : Trainer.initial(((Initial) job.start()).layers(), NetworkStudy.SEED);
        int batch = Math.min(plan.batch(), split.train().size());
        int steps = (split.train().size() + batch - 1) / batch;
        TrainingOptions options = new TrainingOptions(job.epochs(), plan.batch(), plan.learningRate(), 0, NetworkStudy.SEED,
                job.awareness(), steps, threads);
        Network network = Trainer.train(from, split, job.hardware(), options, new Trainer.Listener() {
        }).network();
        return new Trained(job, network, (System.nanoTime() - start) * 1e-9);
    }

    private Evaluated evaluate(Evaluation job) {
        Dataset test = data.get(job.data()).test();
        long start = System.nanoTime();
        CrossbarNetwork mapped = CrossbarNetwork.map(networks.get(job.network()), job.hardware());
        EffectiveNetwork effective = mapped.effective(job.evaluator(), threads);
        double[] y = effective.outputs(test.pixels(), test.size(), DenseOps.ejml(threads));
        double accuracy = EffectiveNetwork.accuracyPercent(EffectiveNetwork.classes(y, test.size()), test.labels());
        AccuracyRow row = job.row(test.size(), accuracy, (System.nanoTime() - start) * 1e-9,
                meanLevel(mapped.layers().get(0).levels()));
        return new Evaluated(job.order(), List.of(row));
    }

    private Evaluated phax(Phax job) {
        DataSplit small = data.get(StudyJobs.Data.MNIST).downsampled();
        PhaxOptions options = new PhaxOptions(plan.phaxEpochs(), 32, 0.3, 0.9, job.loss(), NetworkStudy.SEED, threads);
        PhaxNetwork network = PhaxTrainer.train(PhaxTrainer.initial(plan.phaxLayers(), NetworkStudy.SEED), small, options,
                new Trainer.Listener() {
                }).network();
        List<AccuracyRow> rows = new ArrayList<>();
        long start = System.nanoTime();
        double ideal = PhaxTrainer.accuracyPercent(network, small.test());
        rows.add(Phax.row(plan.phaxShape(), job.loss(), "ideal", ideal, small.test().size(), (System.nanoTime() - start) * 1e-9));
        int count = Math.min(plan.phaxCircuitImages(), small.test().size());
        for (InverterSpec.Kind kind : InverterSpec.Kind.values()) {
            NetworkAccuracy.Result r = NetworkAccuracy.classify(network.spec(kind), small.test(), count, threads);
            rows.add(Phax.row(plan.phaxShape(), job.loss(), kind.toString().toLowerCase(Locale.ROOT), r.percent(), count,
                    r.nanos() * 1e-9));
        }
        return new Evaluated(job.order(), rows);
    }

    private static double meanLevel(int[] levels) {
        long sum = 0;
        for (int q : levels) {
            sum += Math.abs(q);
        }
        return (double) sum / levels.length;
    }
}
