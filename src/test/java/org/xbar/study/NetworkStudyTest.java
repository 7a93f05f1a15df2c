package org.xbar.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.xbar.data.DataSplit;
import org.xbar.network.Network;
import org.xbar.study.StudyJobs.Evaluation;
import org.xbar.study.StudyJobs.FineTune;
import org.xbar.study.StudyJobs.Job;
import org.xbar.study.StudyJobs.Phax;
import org.xbar.study.StudyJobs.Training;
import org.xbar.study.runner.LocalRunner;
import org.xbar.study.runner.PointRunner;
import org.xbar.study.runner.PointTask;

/**
 * The network study as jobs on a runner: the same rows on one worker and on three, in the table's
 * order as they finish, every network trained once; a resumed study computes only what is
 * missing; a wave shipped through Java serialization (as Spark ships it) computes the same.
 */
class NetworkStudyTest {
    /** A runner that counts the points it runs. */
    private static final class Counting implements PointRunner {
        private final PointRunner delegate;
        int points;

        Counting(PointRunner delegate) {
            this.delegate = delegate;
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public <R extends Serializable> void run(PointTask<R> task, List<Integer> indices, Consumer<R> sink) {
            points += indices.size();
            delegate.run(task, indices, sink);
        }
    }

    @Test
    void theJobsNameEveryNetworkTheyNeedAndTheirRowsFillTheTable() {
        StudyJobs jobs = StudyJobs.of(StudyFixtures.TINY, true);
        Set<Integer> orders = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (Job job : jobs.rows()) {
            for (String needed : job.needs()) {
                assertTrue(jobs.trainings().containsKey(needed), "a job needs " + needed + ", which no training gives");
            }
            if (job instanceof Evaluation e) {
                assertTrue(orders.add(e.order()));
                assertTrue(keys.add(e.row(60, Double.NaN, Double.NaN, Double.NaN).key()), "two rows with one key");
            } else {
                for (int k = 0; k < Phax.EVALUATORS.size(); k++) {
                    assertTrue(orders.add(((Phax) job).order() + k));
                }
            }
        }
        assertEquals(jobs.rowCount(), orders.size());
        assertEquals(jobs.rowCount() - 1, orders.stream().mapToInt(Integer::intValue).max().orElseThrow());
        // fine-tunings start from networks listed before them: the trainings can run in waves
        List<String> listed = new ArrayList<>();
        for (Training t : jobs.trainings().values()) {
            if (t.start() instanceof FineTune f) {
                assertTrue(listed.contains(f.network()), t.key() + " starts from " + f.network());
            }
            listed.add(t.key());
        }
        assertTrue(jobs.trainings().values().stream().filter(t -> !t.needs().isEmpty()).count() >= 8);
    }

    @Test
    void oneWorkerAndThreeGiveTheSameRowsInTheTablesOrder() {
        StudyFixtures.Recorder one = new StudyFixtures.Recorder();
        List<AccuracyRow> sequential = StudyFixtures.tinyStudy(one).run(new LocalRunner(1));
        StudyFixtures.Recorder three = new StudyFixtures.Recorder();
        List<AccuracyRow> parallel = StudyFixtures.tinyStudy(three).run(new LocalRunner(3));
        assertEquals(StudyJobs.of(StudyFixtures.TINY, true).rowCount(), sequential.size());
        assertEquals(StudyFixtures.found(sequential), StudyFixtures.found(parallel));
        assertEquals(one.saved.keySet(), three.saved.keySet());
        assertTrue(three.saved.values().stream().allMatch(n -> n == 1), "every network trained once: " + three.saved);
        for (String key : one.networks.keySet()) {
            for (int l = 0; l < one.networks.get(key).depth(); l++) {
                assertArrayEquals(one.networks.get(key).layer(l).augmented(), three.networks.get(key).layer(l).augmented(), key);
            }
        }
        List<String> order = parallel.stream().map(AccuracyRow::key).toList();
        for (List<AccuracyRow> handed : three.handed) {
            int at = -1;
            for (AccuracyRow r : handed) {
                int next = order.indexOf(r.key());
                assertTrue(next > at, r.key() + " handed over out of the table's order");
                at = next;
            }
        }
        // the parasitics cost the band images accuracy, and theory fixes the model where R_N = 0 and there are no wires
        Map<String, Double> model = new HashMap<>();
        for (AccuracyRow r : parallel) {
            if (r.evaluator().equals("model") && r.neuronOhms() == 0 && r.wireOhms() == 0) {
                model.put(r.key().replace("|model|", "|"), r.accuracy());
            }
        }
        int compared = 0;
        for (AccuracyRow r : parallel) {
            if (r.evaluator().equals("nodal") && r.neuronOhms() == 0 && r.wireOhms() == 0) {
                assertEquals(model.get(r.key().replace("|nodal|", "|")), r.accuracy(), 0.0, r.key());
                compared++;
            }
        }
        assertTrue(compared >= 2, compared + " rows at R_N = 0");
    }

    @Test
    void aResumedStudyComputesOnlyWhatIsMissing() {
        StudyFixtures.Recorder first = new StudyFixtures.Recorder();
        List<AccuracyRow> all = StudyFixtures.tinyStudy(first).run(new LocalRunner(2));

        // everything kept: no point runs
        StudyFixtures.Recorder done = new StudyFixtures.Recorder();
        all.forEach(r -> done.rows.put(r.key(), r));
        Counting none = new Counting(new LocalRunner(2));
        assertEquals(StudyFixtures.found(all), StudyFixtures.found(StudyFixtures.tinyStudy(done).run(none)));
        assertEquals(0, none.points);
        assertTrue(done.saved.isEmpty());

        // the wire-aware network and its rows lost: that network alone is trained again, from the kept ideal one
        String lost = first.networks.keySet().stream().filter(k -> k.startsWith("wire-aware")).findFirst().orElseThrow();
        StudyFixtures.Recorder resumed = new StudyFixtures.Recorder();
        all.stream().filter(r -> !r.training().equals("wire-aware")).forEach(r -> resumed.rows.put(r.key(), r));
        resumed.networks.putAll(first.networks);
        resumed.networks.remove(lost);
        Counting some = new Counting(new LocalRunner(2));
        assertEquals(StudyFixtures.found(all), StudyFixtures.found(StudyFixtures.tinyStudy(resumed).run(some)));
        assertEquals(Set.of(lost), resumed.saved.keySet());
        long wireAwareRows = all.stream().filter(r -> r.training().equals("wire-aware")).count();
        assertEquals(1 + wireAwareRows, some.points, "one training and the rows of its network");
    }

    @Test
    void aWaveShippedThroughSerializationComputesTheSame() throws IOException, ClassNotFoundException {
        StudyFixtures.Recorder recorder = new StudyFixtures.Recorder();
        StudyFixtures.tinyStudy(recorder).run(new LocalRunner(2));
        StudyJobs jobs = StudyJobs.of(StudyFixtures.TINY, true);
        Training training = jobs.trainings().values().stream().filter(t -> t.key().startsWith("wire-aware")).findFirst()
                .orElseThrow();
        Evaluation nodal = jobs.rows().stream().filter(j -> j instanceof Evaluation e && e.evaluator().name().equals("NODAL")
                && e.network().equals(training.key())).map(j -> (Evaluation) j).findFirst().orElseThrow();
        String base = ((FineTune) training.start()).network();
        Map<StudyJobs.Data, DataSplit> data = new EnumMap<>(StudyJobs.Data.class);
        data.put(StudyJobs.Data.MNIST, StudyFixtures.split("digits", 1));
        Map<String, Network> networks = Map.of(base, recorder.networks.get(base), training.key(),
                recorder.networks.get(training.key()));
        StudyWave wave = new StudyWave(StudyFixtures.TINY, data, 1, List.of(training, nodal), networks);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(wave);
        }
        StudyWave shipped;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            shipped = (StudyWave) in.readObject();
        }
        StudyWave.Trained trained = (StudyWave.Trained) shipped.compute(0);
        Network expected = recorder.networks.get(training.key());
        for (int l = 0; l < expected.depth(); l++) {
            assertArrayEquals(expected.layer(l).augmented(), trained.network().layer(l).augmented());
        }
        StudyWave.Evaluated evaluated = (StudyWave.Evaluated) shipped.compute(1);
        StudyWave.Evaluated here = (StudyWave.Evaluated) wave.compute(1);
        assertEquals(StudyFixtures.found(here.rows()), StudyFixtures.found(evaluated.rows()));
        assertNotEquals(0, evaluated.rows().get(0).accuracy());
    }
}
