package org.xbar.network;

import java.util.Locale;
import org.xbar.error.InvalidParameterException;
import org.xbar.model.AnalyticalModel;
import org.xbar.model.WireAwareModel;
import org.xbar.solve.LineRelaxationSolver;
import org.xbar.solve.NodalEngine;
import org.xbar.solve.TransferMatrix;
import org.xbar.spec.ConductanceMatrix;

/**
 * How a tile of a mapped network is evaluated. All four give the same thing, the tile's linear map
 * from input volts to output amperes ({@code rows x outputs}, siemens), so they share inputs and
 * outputs and can be compared one against another:
 * <ul>
 *   <li>{@link #IDEAL}: the programmed conductances, {@code G+ - G-}: no parasitics, no variation
 *       (what the designer meant the crossbar to compute);</li>
 *   <li>{@link #MODEL}: seed 004's analytical model ({@link AnalyticalModel}): source and neuron
 *       resistance, no wires;</li>
 *   <li>{@link #WIRE_AWARE}: the wire-aware model ({@link WireAwareModel}), its matrix from its
 *       response to each unit input;</li>
 *   <li>{@link #NODAL}: exact nodal analysis of the whole tile, wires included: its transfer matrix
 *       from one solve per input ({@link NodalEngine#transferMatrix}).</li>
 * </ul>
 * The last three see the chip's conductances (after variation).
 */
public enum Evaluator {
    /** The ideal product of the programmed conductances. */
    IDEAL("ideal"),
    /** Seed 004's analytical model. */
    MODEL("model"),
    /** The wire-aware analytical model. */
    WIRE_AWARE("wire-aware"),
    /** Exact nodal analysis. */
    NODAL("nodal");

    private final String label;

    Evaluator(String label) {
        this.label = label;
    }

    /** @return the name used on the command line and in reports */
    public String label() {
        return label;
    }

    /**
     * @param text a label, case-insensitive
     * @return the evaluator
     */
    public static Evaluator parse(String text) {
        for (Evaluator e : values()) {
            if (e.label.equals(text.strip().toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new InvalidParameterException("method", text, "must be one of ideal, model, wire-aware, nodal");
    }

    /**
     * A tile's map with what it cost.
     *
     * @param siemens    output amperes per input volt, {@code rows x outputs}, row-major
     * @param iterations the most iterations a solve needed (0 for the models)
     * @param residual   the largest relative residual of a solve (0 for the models)
     */
    public record TileMap(double[] siemens, int iterations, double residual) {
        /**
         * @param transfer a tile's exact transfer matrix
         * @return its map, with the worst iterations and residual of the solves that built it
         */
        static TileMap of(TransferMatrix transfer) {
            return new TileMap(transfer.siemens(), transfer.maxIterations(), transfer.maxResidual());
        }
    }

    /**
     * @param tile a tile of a mapped network
     * @return its map under this evaluator, exact solves on every processor
     */
    public TileMap map(Tile tile) {
        return map(tile, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param tile    a tile of a mapped network
     * @param threads threads of the exact solver's line sweeps, at least 1 (the map does not depend on it)
     * @return its map under this evaluator
     */
    public TileMap map(Tile tile, int threads) {
        return switch (this) {
            case IDEAL -> new TileMap(difference(tile.programmed().positive(), tile.programmed().negative()), 0, 0);
            case MODEL -> new TileMap(new AnalyticalModel().prepare(tile.crossbar()).matrix(), 0, 0);
            case WIRE_AWARE -> new TileMap(new WireAwareModel().prepare(tile.crossbar()).matrix(), 0, 0);
            case NODAL -> TileMap.of(new NodalEngine(new LineRelaxationSolver(LineRelaxationSolver.DEFAULT_TOLERANCE,
                    LineRelaxationSolver.DEFAULT_MAX_ITERATIONS, threads)).transferMatrix(tile.crossbar()));
        };
    }

    private static double[] difference(ConductanceMatrix positive, ConductanceMatrix negative) {
        double[] d = positive.toRowMajor();
        double[] n = negative.toRowMajor();
        for (int k = 0; k < d.length; k++) {
            d[k] -= n[k];
        }
        return d;
    }
}
