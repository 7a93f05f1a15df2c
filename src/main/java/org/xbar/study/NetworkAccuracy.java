package org.xbar.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbar.data.Dataset;
import org.xbar.error.InvalidParameterException;
import org.xbar.error.XbarException;
import org.xbar.network.EffectiveNetwork;
import org.xbar.results.NetworkSolution;
import org.xbar.solve.newton.LayeredNetworkSolver;
import org.xbar.spec.Checks;
import org.xbar.spec.NetworkSpec;
import org.xbar.train.PhaxNetwork;

/**
 * How well an inverter-neuron network classifies at circuit level: every vector solved exactly,
 * each inverter loaded by the crossbar it drives, by the layer-by-layer solve
 * ({@link LayeredNetworkSolver}: the crossbars reduced once to multiports, then a small Newton solve
 * per layer and vector; the same operating point as Newton on the whole network's circuit within
 * ngspice's tolerances, at a fifteenth of the time with wires), its class the argmax of the last layer's non-inverted outputs (the first on
 * a tie), as {@code xbar network} prints them. Vectors are independent circuits, solved on as many
 * threads as asked; each is solved the same way whatever the thread count.
 */
public final class NetworkAccuracy {
    private NetworkAccuracy() {
    }

    /**
     * What a classification run gave.
     *
     * @param predicted     the class of each vector
     * @param right         vectors classified right
     * @param nanos         the solves' times added up, nanoseconds (each solve's own wall-clock time, so
     *                      that it does not depend on how many ran at once)
     * @param maxIterations the most Newton iterations one vector took
     */
    public record Result(int[] predicted, int right, long nanos, int maxIterations) {
        /** Copies the array. */
        public Result {
            predicted = predicted.clone();
        }

        @Override
        public int[] predicted() {
            return predicted.clone();
        }

        /** @return vectors classified */
        public int vectors() {
            return predicted.length;
        }

        /** @return percent classified right */
        public double percent() {
            return predicted.length == 0 ? 0 : 100.0 * right / predicted.length;
        }

        /** @return mean solve time per vector, seconds */
        public double secondsPerVector() {
            return predicted.length == 0 ? 0 : nanos * 1e-9 / predicted.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && Arrays.equals(predicted, r.predicted) && right == r.right && nanos == r.nanos
                    && maxIterations == r.maxIterations;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(predicted), right, nanos, maxIterations);
        }
    }

    /**
     * @param spec    the network, its neurons behavioral or transistor-level
     * @param inputs  first-layer drives, one vector per row, one voltage per input, volt
     * @param labels  the class of each vector
     * @param threads vectors solved at once, {@code >= 1} (the classes do not depend on it)
     * @return the circuit's classes and accuracy
     */
    public static Result classify(NetworkSpec spec, double[][] inputs, int[] labels, int threads) {
        if (labels.length != inputs.length) {
            throw InvalidParameterException.inconsistent("labels", labels.length + " labels for " + inputs.length + " vectors");
        }
        Checks.inRange("threads", threads, 1, 1024);
        int classes = spec.outputs();
        for (int k = 0; k < labels.length; k++) {
            if (labels[k] < 0 || labels[k] >= classes) {
                throw new InvalidParameterException("labels[" + k + "]", labels[k], "must be a class, 0 to " + (classes - 1));
            }
        }
        // the exact layer-by-layer solve: one reduction of the crossbars, then small Newton solves per image
        LayeredNetworkSolver solver = new LayeredNetworkSolver(spec);
        int[] predicted = new int[inputs.length];
        long[] nanos = new long[inputs.length];
        int[] iterations = new int[inputs.length];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int k = next.getAndIncrement(); k < inputs.length; k = next.getAndIncrement()) {
                NetworkSolution s = solver.solve(inputs[k]);
                predicted[k] = EffectiveNetwork.classes(s.outputs(), 1)[0];
                nanos[k] = s.statistics().nanos();
                iterations[k] = s.statistics().iterations();
            }
        };
        if (threads == 1 || inputs.length < 2) {
            worker.run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, inputs.length));
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < Math.min(threads, inputs.length); t++) {
                    running.add(pool.submit(worker));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new XbarException("interrupted while solving the network", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new XbarException("solving the network failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        int right = 0;
        long total = 0;
        int most = 0;
        for (int k = 0; k < inputs.length; k++) {
            right += predicted[k] == labels[k] ? 1 : 0;
            total += nanos[k];
            most = Math.max(most, iterations[k]);
        }
        return new Result(predicted, right, total, most);
    }

    /**
     * @param spec    the network
     * @param data    images, driven as PHAX drives them ({@link PhaxNetwork#inputVolts})
     * @param count   how many images, from the first ({@code <= data.size()})
     * @param threads vectors solved at once, {@code >= 1}
     * @return the circuit's classes and accuracy on those images
     */
    public static Result classify(NetworkSpec spec, Dataset data, int count, int threads) {
        if (count < 0 || count > data.size()) {
            throw new InvalidParameterException("count", count, "must be 0 to " + data.size());
        }
        if (data.features() != spec.inputs()) {
            throw InvalidParameterException.inconsistent("data", data.name() + " has " + data.features()
                    + " pixels, the network has " + spec.inputs() + " inputs");
        }
        return classify(spec, PhaxNetwork.inputVolts(data, count), Arrays.copyOf(data.labels(), count), threads);
    }
}
