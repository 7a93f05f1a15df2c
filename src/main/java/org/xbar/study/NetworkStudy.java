package org.xbar.study;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.xbar.data.DataSplit;
import org.xbar.io.JsonTree;
import org.xbar.network.Evaluator;
import org.xbar.network.Network;
import org.xbar.spec.Checks;
import org.xbar.study.StudyJobs.Evaluation;
import org.xbar.study.StudyJobs.Job;
import org.xbar.study.StudyJobs.Phax;
import org.xbar.study.StudyJobs.Training;
import org.xbar.study.runner.PointRunner;

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
 * The study is first written out as jobs ({@link StudyJobs}): trainings, each named by what it
 * trains, and evaluations, each one row of the table. It then runs in waves on a
 * {@link PointRunner}: every job whose networks exist runs at once (the trainings from random
 * weights and PHAX first, then every fine-tuning with the evaluations of the ideal networks, then
 * the evaluations of the fine-tuned ones), each job a point that carries its data and networks, so
 * that the local threads or a Spark cluster compute them alike. Every training is seeded, so the
 * study gives the same accuracies on any machine, engine and number of workers; only the times
 * vary. Rows are handed to the listener in the table's order, whatever order they finish in.
 */
public final class NetworkStudy {
    /** The seed of every training of the study. */
    public static final long SEED = 1;

    private final StudyPlan plan;
    private final EnumMap<StudyJobs.Data, DataSplit> data = new EnumMap<>(StudyJobs.Data.class);
    private final int threads;
    private final Listener listener;
    private final Checkpoints checkpoints;
    private final TreeMap<Integer, AccuracyRow> rows = new TreeMap<>();

    /** Follows the study. */
    public interface Listener {
        /**
         * @param line a line of progress: what starts, what finished
         */
        void progress(String line);

        /**
         * @param rows every row finished so far, in the table's order (to write them as they come)
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
     * @param threads  threads of each job's products and solves (the numbers do not depend on it)
     * @param listener follows the study
     */
    public NetworkStudy(StudyPlan plan, DataSplit mnist, DataSplit fashion, int threads, Listener listener) {
        this(plan, mnist, fashion, threads, listener, Checkpoints.NONE);
    }

    /**
     * @param plan        what to run
     * @param mnist       the MNIST split (cut to the plan's sizes here)
     * @param fashion     the Fashion-MNIST split, or {@code null} when the plan skips it
     * @param threads     threads of each job's products and solves (the numbers do not depend on it)
     * @param listener    follows the study
     * @param checkpoints what an earlier run of this plan left, reused instead of computed again
     */
    public NetworkStudy(StudyPlan plan, DataSplit mnist, DataSplit fashion, int threads, Listener listener,
            Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
        this.plan = plan;
        data.put(StudyJobs.Data.MNIST, cut(mnist, plan.trainImages(), plan.testImages()));
        if (fashion != null) {
            data.put(StudyJobs.Data.FASHION, cut(fashion, plan.fashionTrainImages(), plan.fashionTestImages()));
        }
        this.threads = Checks.inRange("threads", threads, 1, 1024);
        this.listener = listener;
    }

    private static DataSplit cut(DataSplit split, int train, int test) {
        return new DataSplit(split.train().first(Math.min(train, split.train().size())),
                split.test().first(Math.min(test, split.test().size())));
    }

    /** @return the MNIST split the study uses */
    public DataSplit mnist() {
        return data.get(StudyJobs.Data.MNIST);
    }

    /** @return the rows so far, in the table's order */
    public synchronized List<AccuracyRow> rows() {
        return List.copyOf(rows.values());
    }

    /**
     * Runs every part of the plan on a runner: rows and networks the checkpoints hold are reused,
     * the rest computed in waves of jobs that can run at once.
     *
     * @param runner computes the jobs of each wave (its points)
     * @return every row, in the table's order
     * @throws org.xbar.study.runner.PointFailedException naming the job that failed (rows and
     *                                                    networks finished before stay kept)
     */
    public List<AccuracyRow> run(PointRunner runner) {
        StudyJobs jobs = StudyJobs.of(plan, data.containsKey(StudyJobs.Data.FASHION));
        List<Job> waiting = new ArrayList<>();
        for (Job job : jobs.rows()) {
            if (!reuse(job)) {
                waiting.add(job);
            }
        }
        if (!rows.isEmpty()) {
            listener.progress("reusing " + rows.size() + " rows of an earlier run");
            listener.rows(rows());
        }
        Map<String, Network> networks = new HashMap<>();
        List<Job> trainings = trainingsFor(waiting, jobs.trainings(), networks);
        waiting.addAll(0, trainings);
        for (int wave = 1; !waiting.isEmpty(); wave++) {
            List<Job> ready = new ArrayList<>();
            List<Job> later = new ArrayList<>();
            for (Job job : waiting) {
                (networks.keySet().containsAll(job.needs()) ? ready : later).add(job);
            }
            if (ready.isEmpty()) {
                throw new IllegalStateException("no job of the study can start: they wait for " + later.get(0).needs());
            }
            // the longest first, so that no worker waits on a long job started last
            ready.sort(Comparator.comparingInt(NetworkStudy::cost));
            Map<String, Network> shipped = new HashMap<>();
            for (Job job : ready) {
                job.needs().forEach(k -> shipped.put(k, networks.get(k)));
            }
            long trainingsNow = ready.stream().filter(j -> j instanceof Training).count();
            listener.progress(String.format(Locale.ROOT, "wave %d: %d trainings and %d evaluations on %s", wave, trainingsNow,
                    ready.size() - trainingsNow, runner.describe()));
            int total = jobs.rowCount();
            runner.run(new StudyWave(plan, data, threads, ready, shipped), IntStream.range(0, ready.size()).boxed().toList(),
                    result -> accept(result, networks, total));
            waiting = later;
        }
        return rows();
    }

    /** Takes a job's rows from the checkpoints, when they hold every one of them. */
    private boolean reuse(Job job) {
        List<AccuracyRow> blank = new ArrayList<>();
        int first;
        if (job instanceof Evaluation e) {
            first = e.order();
            blank.add(e.row(data.get(e.data()).test().size(), Double.NaN, Double.NaN, Double.NaN));
        } else {
            Phax p = (Phax) job;
            first = p.order();
            int images = mnist().test().size();
            int circuit = Math.min(plan.phaxCircuitImages(), images);
            for (String evaluator : Phax.EVALUATORS) {
                blank.add(Phax.row(plan.phaxShape(), p.loss(), evaluator, Double.NaN,
                        evaluator.equals("ideal") ? images : circuit, Double.NaN));
            }
        }
        List<AccuracyRow> kept = new ArrayList<>();
        for (AccuracyRow b : blank) {
            checkpoints.row(b.key()).ifPresent(kept::add);
        }
        if (kept.size() < blank.size()) {
            return false;
        }
        for (int k = 0; k < kept.size(); k++) {
            rows.put(first + k, kept.get(k));
        }
        return true;
    }

    /**
     * The trainings the waiting jobs need, in the study's order: a network the checkpoints hold is
     * taken from there (into {@code networks}), and what it was fine-tuned from is not needed.
     */
    private List<Job> trainingsFor(List<Job> waiting, Map<String, Training> all, Map<String, Network> networks) {
        Deque<String> needed = new ArrayDeque<>();
        waiting.forEach(j -> needed.addAll(j.needs()));
        Map<String, Training> train = new LinkedHashMap<>();
        while (!needed.isEmpty()) {
            String key = needed.pop();
            if (networks.containsKey(key) || train.containsKey(key)) {
                continue;
            }
            Optional<Network> kept = checkpoints.network(key);
            if (kept.isPresent()) {
                listener.progress("reusing the network of an earlier run: " + key);
                networks.put(key, kept.get());
            } else {
                Training t = all.get(key);
                train.put(key, t);
                needed.addAll(t.needs());
            }
        }
        return all.values().stream().filter(t -> train.containsKey(t.key())).map(t -> (Job) t).toList();
    }

    /** Trainings, then PHAX, then exact evaluations, then the models': roughly the longest first. */
    private static int cost(Job job) {
        if (job instanceof Training) {
            return 0;
        }
        if (job instanceof Phax) {
            return 1;
        }
        return ((Evaluation) job).evaluator() == Evaluator.NODAL ? 2 : 3;
    }

    /** On the driver, one result at a time: keeps a network, or writes rows in the table's order. */
    private synchronized void accept(StudyWave.Result result, Map<String, Network> networks, int total) {
        if (result instanceof StudyWave.Trained t) {
            networks.put(t.training().key(), t.network());
            checkpoints.save(t.training().key(), t.network());
            listener.progress(String.format(Locale.ROOT, "trained %s (%.0f s)", t.training().key(), t.seconds()));
            return;
        }
        StudyWave.Evaluated e = (StudyWave.Evaluated) result;
        for (int k = 0; k < e.rows().size(); k++) {
            rows.put(e.first() + k, e.rows().get(k));
        }
        listener.rows(rows());
        for (AccuracyRow r : e.rows()) {
            if (r.study().equals("phax")) {
                listener.progress(String.format(Locale.ROOT, "[%d/%d] phax %s trained with %s, %s: %.2f %% (%.1f s)", rows.size(),
                        total, r.network(), r.trainedFor(), r.evaluator(), r.accuracy(), r.seconds()));
                continue;
            }
            listener.progress(String.format(Locale.ROOT, "[%d/%d] %s %s: %s rs=%s rn=%s wire=%s tile=%s n=%s W_max %s, %s"
                    + " network, %s: %.2f %% (%.1f s)", rows.size(), total, r.study(), r.dataset(), r.technology(),
                    JsonTree.plain(r.sourceOhms()), JsonTree.plain(r.neuronOhms()), JsonTree.plain(r.wireOhms()), r.tile(),
                    JsonTree.plain(r.sigmaN()), r.fullScale(), r.training(), r.evaluator(), r.accuracy(), r.seconds()));
        }
    }
}
