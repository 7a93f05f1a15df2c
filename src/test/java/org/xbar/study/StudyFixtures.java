package org.xbar.study;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.xbar.data.DataSplit;
import org.xbar.data.Dataset;
import org.xbar.device.Technology;
import org.xbar.network.FullScale;
import org.xbar.network.Network;
import org.xbar.network.TileShape;

/** A network study small enough for a unit test: every part, on synthetic 28x28 images. */
public final class StudyFixtures {
    private StudyFixtures() {
    }

    /** Every part of the study on a 784-12-10 network, 300 training and 60 test images, one epoch each. */
    public static final StudyPlan TINY = new StudyPlan("tiny", new int[] {784, 12, 10}, 300, 60, 1, 1, 4, 0.4,
            List.of(Technology.TIO2), new double[] {800}, new double[] {0, 200}, 0.1, new double[] {-2, 0},
            List.of(TileShape.FULL, new TileShape(64, 64)), new double[] {2.5}, List.of(new TileShape(64, 64)),
            List.of(FullScale.MAX, FullScale.parse("p99")), new int[] {196, 8, 10}, 1, 4, 200, 50, 1);

    /**
     * Images of ten classes, each a bright band of three rows at its own height over seeded noise:
     * a network learns them in one epoch, and a crossbar's parasitics still cost it accuracy.
     *
     * @param name  the data set's name
     * @param count images
     * @param seed  the seed of labels and noise
     * @return the images
     */
    public static Dataset bands(String name, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] pixels = new double[count * 784];
        int[] labels = new int[count];
        for (int k = 0; k < count; k++) {
            labels[k] = random.nextInt(10);
            for (int f = 0; f < 784; f++) {
                int row = f / 28;
                boolean band = row >= 2 + 2 * labels[k] && row < 5 + 2 * labels[k];
                pixels[k * 784 + f] = Math.min(1, (band ? 0.7 : 0) + 0.3 * random.nextDouble());
            }
        }
        return Dataset.of(name, 784, 10, pixels, labels);
    }

    /**
     * @param name the split's name
     * @param seed its seed
     * @return 300 training and 60 test images of {@link #bands}
     */
    public static DataSplit split(String name, long seed) {
        return new DataSplit(bands(name + "-train", 300, seed), bands(name + "-test", 60, seed + 1));
    }

    /**
     * @param rows rows of a study
     * @return what each row found, without its time: its key, accuracy and first layer's mean level
     */
    public static List<String> found(List<AccuracyRow> rows) {
        return rows.stream().map(r -> r.key() + " " + r.accuracy() + " " + r.meanLevel()).toList();
    }

    /**
     * @param recorder follows the study and holds its checkpoints
     * @return the tiny plan's study on the band images (Fashion-MNIST's part on other bands), one thread per job
     */
    public static NetworkStudy tinyStudy(Recorder recorder) {
        return new NetworkStudy(TINY, split("digits", 1), split("fashion", 7), 1, recorder, recorder);
    }

    /**
     * Follows a study and keeps what a checkpoint directory would: the rows handed over, the
     * progress lines, the networks saved (and how often each), and rows and networks of an
     * "earlier run" to hand back.
     */
    public static final class Recorder implements NetworkStudy.Listener, NetworkStudy.Checkpoints {
        /** Every list of rows handed over, in order. */
        public final List<List<AccuracyRow>> handed = new ArrayList<>();
        /** Every progress line. */
        public final List<String> progress = new ArrayList<>();
        /** How often each network was saved. */
        public final Map<String, Integer> saved = new HashMap<>();
        /** Networks to hand back (and every network saved). */
        public final Map<String, Network> networks = new HashMap<>();
        /** Rows to hand back, by key. */
        public final Map<String, AccuracyRow> rows = new HashMap<>();

        @Override
        public void progress(String line) {
            progress.add(line);
        }

        @Override
        public void rows(List<AccuracyRow> all) {
            handed.add(all);
        }

        @Override
        public Optional<Network> network(String key) {
            return Optional.ofNullable(networks.get(key));
        }

        @Override
        public void save(String key, Network network) {
            saved.merge(key, 1, Integer::sum);
            networks.put(key, network);
        }

        @Override
        public Optional<AccuracyRow> row(String key) {
            return Optional.ofNullable(rows.get(key));
        }
    }
}
