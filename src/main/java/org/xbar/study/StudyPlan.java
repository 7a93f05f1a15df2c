package org.xbar.study;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.xbar.device.Technology;
import org.xbar.network.FullScale;
import org.xbar.network.TileShape;

/**
 * What the network study runs: the network, how long it trains, and the grids of every part.
 * {@link #full()} is the committed study (about half an hour on 2 cores); {@link #quick()} the same
 * parts on a small network and a few hundred images, for a check in seconds.
 *
 * @param name              {@code full} or {@code quick}
 * @param layers            the MLP's sizes, inputs first
 * @param trainImages       MNIST training images used (at most 8,000)
 * @param testImages        MNIST test images evaluated (at most 2,000)
 * @param idealEpochs       epochs of ideal training from random weights
 * @param awareEpochs       epochs of aware training, fine-tuning the ideally trained network
 * @param batch             images per step
 * @param learningRate      learning rate
 * @param technologies      technologies of the (R_S, R_N) grid (seed 004 Fig. 5)
 * @param sources           R_S values of the grid, ohm
 * @param neurons           R_N values of the grid, ohm
 * @param chipSigma         the chip-to-chip sigma of Fig. 6
 * @param chipDeviations    the chips of Fig. 6, n
 * @param tiles             the tile sizes of Fig. 7
 * @param wires             wire segment resistances evaluated exactly, ohm (beyond the seed)
 * @param wireTiles         the tile sizes with wires
 * @param fullScales        the full-scale rules compared at the worst corner
 * @param phaxLayers        the PHAX network's sizes (14x14 inputs)
 * @param phaxEpochs        epochs of PHAX training
 * @param phaxCircuitImages test images solved at circuit level for PHAX (behavioral and MOSFET neurons)
 * @param fashionTrainImages Fashion-MNIST training images used (0: none, the part is skipped)
 * @param fashionTestImages Fashion-MNIST test images evaluated
 * @param fashionEpochs     epochs of ideal training on Fashion-MNIST (aware fine-tuning takes half, at least 1)
 */
public record StudyPlan(String name, int[] layers, int trainImages, int testImages, int idealEpochs, int awareEpochs,
        int batch, double learningRate, List<Technology> technologies, double[] sources, double[] neurons, double chipSigma,
        double[] chipDeviations, List<TileShape> tiles, double[] wires, List<TileShape> wireTiles, List<FullScale> fullScales,
        int[] phaxLayers, int phaxEpochs, int phaxCircuitImages, int fashionTrainImages, int fashionTestImages,
        int fashionEpochs) implements Serializable {

    /**
     * @return every value of the plan, written out: two plans with the same description run the
     *         same trainings and evaluations (what a resumed study checks before reusing anything)
     */
    public String describe() {
        return String.join("\n", "plan " + name, "layers " + Arrays.toString(layers), "images " + trainImages + "/" + testImages,
                "epochs " + idealEpochs + "/" + awareEpochs, "batch " + batch, "lr " + learningRate,
                "technologies " + technologies.stream().map(Technology::name).toList(), "sources " + Arrays.toString(sources),
                "neurons " + Arrays.toString(neurons), "chip " + chipSigma + " " + Arrays.toString(chipDeviations),
                "tiles " + tiles.stream().map(TileShape::label).toList(), "wires " + Arrays.toString(wires),
                "wire tiles " + wireTiles.stream().map(TileShape::label).toList(),
                "full scales " + fullScales.stream().map(FullScale::label).toList(), "phax " + Arrays.toString(phaxLayers) + " "
                + phaxEpochs + " " + phaxCircuitImages, "fashion " + fashionTrainImages + "/" + fashionTestImages + " "
                + fashionEpochs);
    }

    /** Seed 004's worst corner of Table I: R_S, ohm. */
    public static final double WORST_SOURCE_OHMS = 800;
    /** Seed 004's worst corner of Table I: R_N, ohm. */
    public static final double WORST_NEURON_OHMS = 200;

    /** @return the committed study: seed 004's 784-500-10 on the 8,000/2,000 MNIST split */
    public static StudyPlan full() {
        return new StudyPlan("full", new int[] {784, 500, 10}, 8000, 2000, 10, 3, 4, 0.4,
                List.of(Technology.TIO2, Technology.TAOX), new double[] {200, 500, 800}, new double[] {0, 100, 200}, 0.1,
                new double[] {-2, -1, 0, 1, 2},
                List.of(TileShape.FULL, new TileShape(256, 256), new TileShape(128, 128), new TileShape(64, 64)),
                new double[] {0.5, 2.5}, List.of(TileShape.FULL, new TileShape(128, 128), new TileShape(64, 64)),
                List.of(FullScale.MAX, FullScale.parse("p99.9"), FullScale.parse("p99"), FullScale.parse("p95")),
                new int[] {196, 20, 10}, 30, 2000, 10_000, 2000, 2);
    }

    /** @return every part on a 784-32-10 network and a few thousand images (wires on 64x64 tiles only): for tests and CI */
    public static StudyPlan quick() {
        return new StudyPlan("quick", new int[] {784, 32, 10}, 2000, 300, 3, 1, 4, 0.4, List.of(Technology.TIO2),
                new double[] {800}, new double[] {0, 200}, 0.1, new double[] {-2, 0, 2},
                List.of(TileShape.FULL, new TileShape(64, 64)), new double[] {2.5}, List.of(new TileShape(64, 64)),
                List.of(FullScale.MAX, FullScale.parse("p99")),
                new int[] {196, 8, 10}, 3, 20, 1000, 200, 1);
    }

    /** @return the network's shape, such as {@code 784-500-10} */
    public String shape() {
        return shape(layers);
    }

    /** @return the PHAX network's shape */
    public String phaxShape() {
        return shape(phaxLayers);
    }

    private static String shape(int[] sizes) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < sizes.length; k++) {
            s.append(k == 0 ? "" : "-").append(sizes[k]);
        }
        return s.toString();
    }
}
