package org.xbar.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xbar.data.DataSplit;
import org.xbar.data.Dataset;
import org.xbar.device.Technology;
import org.xbar.network.Hardware;
import org.xbar.network.Network;
import org.xbar.train.Awareness;
import org.xbar.train.Trainer;
import org.xbar.train.TrainingOptions;

/**
 * One epoch of training seed 004's 784-500-10 network on 8,000 images, as {@code xbar train}
 * runs it (batch 4, learning rate 0.4, every core): ideal training and technology-aware training
 * through the seed model of TiO2 at R_S 800 ohm, R_N 200 ohm (one crossbar per layer), the test
 * pass over 2,000 images included. Issue 10's target: 15 s or less per aware epoch on 2 cores.
 *
 * <p>The images are seeded synthetic ones with MNIST's sparsity (80 % zero pixels) so that the
 * benchmark needs no data set: training costs the same whatever the pixels are.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@State(Scope.Benchmark)
public class NetworkTraining {
    /** What the forward pass knows of the crossbars. */
    @Param({"NONE", "SEED"})
    public Awareness awareness;

    private DataSplit data;
    private Network initial;
    private Hardware hardware;
    private TrainingOptions options;

    /** Builds the images, the initial network and the options (not timed). */
    @Setup(Level.Trial)
    public void setUp() {
        data = new DataSplit(images(8000, 1), images(2000, 2));
        initial = Trainer.initial(new int[] {784, 500, 10}, 1);
        hardware = Hardware.ideal(Technology.TIO2).withTerminations(800, 200);
        options = new TrainingOptions(1, 4, 0.4, 0, 1, awareness, 2000, Runtime.getRuntime().availableProcessors());
    }

    private static Dataset images(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] pixels = new double[count * 784];
        int[] labels = new int[count];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = random.nextDouble() < 0.2 ? random.nextDouble() : 0.0;
        }
        for (int k = 0; k < count; k++) {
            labels[k] = random.nextInt(10);
        }
        return Dataset.of("synthetic", 784, 10, pixels, labels);
    }

    /**
     * @return the trained network (JMH keeps it alive)
     */
    @Benchmark
    public Network epoch() {
        return Trainer.train(initial, data, hardware, options, new Trainer.Listener() {
        }).network();
    }
}
