package org.xbar.network;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.error.InvalidParameterException;
import org.xbar.error.XbarException;
import org.xbar.results.CrossbarSolution;
import org.xbar.results.PowerBreakdown;
import org.xbar.solve.CrossbarSolver;
import org.xbar.solve.LineRelaxationSolver;
import org.xbar.spec.DeviceIv;

/**
 * A mapped network whose devices follow a nonlinear I-V law, evaluated exactly image by image.
 * A tile of nonlinear devices has no linear map (its outputs are not linear in its inputs), so
 * there is no effective matrix: every tile of every layer is solved for every image by Newton's
 * method with the line-relaxation solver inside ({@link LineRelaxationSolver}), its input volts
 * {@code V_read x} (x the layer's inputs in [0, 1], 1 on the bias row), and its output currents
 * scaled to weight units by {@code weightsPerSiemens / V_read}, which for linear devices gives the
 * nodal effective network's numbers. Hidden layers apply the sigmoid as
 * {@link EffectiveNetwork#outputs} does.
 *
 * <p>Images run in parallel, each worker with its own prepared solvers; an image's answer does not
 * depend on the worker (every Newton iteration starts from 0 V). With power, every tile's
 * breakdown comes from its solution ({@link PowerBreakdown}, each device by its own law) and the
 * drawn powers of one image's reads are summed.
 */
public final class NonlinearNetwork {
    private NonlinearNetwork() {
    }

    /**
     * What an evaluation gives.
     *
     * @param outputs  {@code count x outputs}, row-major, the last layer's outputs in weight units
     *                 before any activation
     * @param watts    per image, the power all tiles draw while reading it (empty without power)
     * @param maxSteps the most Newton steps any tile took
     * @param nanos    the time it took
     */
    public record Result(double[] outputs, double[] watts, int maxSteps, long nanos) {
    }

    /**
     * @param mapped  the network on its crossbars
     * @param law     the devices' I-V law
     * @param inputs  {@code count x inputs}, row-major, each value in [0, 1]
     * @param count   images
     * @param threads images solved at once, at least 1
     * @param power   also the power drawn per image
     * @return the outputs, and the power when asked for
     */
    public static Result evaluate(CrossbarNetwork mapped, DeviceIv law, double[] inputs, int count, int threads,
            boolean power) {
        long start = System.nanoTime();
        Network network = mapped.network();
        int n0 = network.inputs();
        if (inputs.length != (long) count * n0) {
            throw InvalidParameterException.inconsistent("inputs", inputs.length + " values for " + count
                    + " vectors of " + n0);
        }
        if (threads < 1) {
            throw new InvalidParameterException("threads", threads, "must be at least 1");
        }
        int classes = network.outputs();
        double[] outputs = new double[count * classes];
        double[] watts = new double[power ? count : 0];
        int workers = Math.min(threads, Math.max(1, count));
        int[] steps = new int[workers];
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "xbar-nonlinear-network");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    Worker solver = new Worker(mapped, law);
                    for (int k = worker; k < count; k += workers) {
                        double drawn = solver.forward(inputs, k, outputs, power);
                        if (power) {
                            watts[k] = drawn;
                        }
                    }
                    steps[worker] = solver.maxSteps;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof XbarException x) {
                throw x;
            }
            throw new IllegalStateException("a worker failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XbarException("interrupted while solving the network", e);
        } finally {
            pool.shutdownNow();
        }
        int maxSteps = 0;
        for (int s : steps) {
            maxSteps = Math.max(maxSteps, s);
        }
        return new Result(outputs, watts, maxSteps, System.nanoTime() - start);
    }

    /** One worker's prepared tiles, layer by layer. */
    private static final class Worker {
        private final CrossbarNetwork mapped;
        private final List<List<CrossbarSolver.Prepared>> tiles = new ArrayList<>();
        private int maxSteps;

        Worker(CrossbarNetwork mapped, DeviceIv law) {
            this.mapped = mapped;
            LineRelaxationSolver solver = new LineRelaxationSolver(LineRelaxationSolver.DEFAULT_TOLERANCE,
                    LineRelaxationSolver.DEFAULT_MAX_ITERATIONS, 1);
            for (MappedLayer layer : mapped.layers()) {
                List<CrossbarSolver.Prepared> prepared = new ArrayList<>();
                for (Tile tile : layer.tiles()) {
                    prepared.add(solver.prepare(CrossbarCircuit.of(tile.crossbar().withDevice(law))));
                }
                tiles.add(prepared);
            }
        }

        /**
         * Image k through every layer: its outputs into {@code outputs}.
         *
         * @return the power its reads draw, watt (0 unless asked for)
         */
        double forward(double[] inputs, int k, double[] outputs, boolean power) {
            Network network = mapped.network();
            double volts = mapped.hardware().readVolts();
            int n0 = network.inputs();
            double[] h = java.util.Arrays.copyOfRange(inputs, k * n0, (k + 1) * n0);
            double drawn = 0;
            for (int l = 0; l < network.depth(); l++) {
                MappedLayer layer = mapped.layers().get(l);
                double scale = mapped.weightsPerSiemens(l) / volts;
                double[] y = new double[layer.outputs()];
                for (int t = 0; t < layer.tiles().size(); t++) {
                    Tile tile = layer.tiles().get(t);
                    CrossbarSolver.Prepared prepared = tiles.get(l).get(t);
                    double[] v = new double[tile.rows()];
                    for (int i = 0; i < v.length; i++) {
                        int row = tile.firstRow() + i;
                        v[i] = volts * (row == layer.inputs() ? 1.0 : h[row]);
                    }
                    CrossbarSolution s = prepared.solve(v);
                    maxSteps = Math.max(maxSteps, s.statistics().iterations());
                    double[] amps = s.outputs();
                    for (int j = 0; j < amps.length; j++) {
                        y[tile.firstOutput() + j] += scale * amps[j];
                    }
                    if (power) {
                        drawn += PowerBreakdown.of(prepared.circuit(), v, s).drawn();
                    }
                }
                boolean hidden = l + 1 < network.depth();
                for (int j = 0; j < y.length; j++) {
                    y[j] = hidden ? EffectiveNetwork.sigmoid(y[j]) : y[j];
                }
                h = y;
            }
            System.arraycopy(h, 0, outputs, k * h.length, h.length);
            return drawn;
        }
    }
}
