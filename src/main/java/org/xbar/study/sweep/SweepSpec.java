package org.xbar.study.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xbar.device.Distribution;
import org.xbar.device.StuckOff;
import org.xbar.device.Technology;
import org.xbar.error.XbarException;
import org.xbar.spec.Drive;
import org.xbar.spec.Keyed;
import org.xbar.spec.WeightMapping;

/**
 * What a sweep computes and plots: a list of studies, each a grid over crossbar parameters, and
 * the charts drawn from their results. Plain values: {@link SweepConfig} reads them from JSON (the
 * format documented in the README, "Sweeps") and checks every key there.
 *
 * @param name    the sweep's name (for reports)
 * @param seed    the seed every random choice derives from
 * @param studies the grids, in order
 * @param plots   the charts
 */
public record SweepSpec(String name, long seed, List<Study> studies, List<Plot> plots) {

    /** Crossbars larger than this many inputs or outputs are refused. */
    public static final int MAX_DIMENSION = 4096;

    /** Copies the lists. */
    public SweepSpec {
        studies = List.copyOf(studies);
        plots = List.copyOf(plots);
    }

    /** The axes a study sweeps, by their name in the configuration and in plots. */
    public enum Axis implements Keyed {
        /** Device technology (Table I range). */
        TECHNOLOGY("technology"),
        /** Inputs x outputs of the whole weight matrix. */
        SIZE("size"),
        /** Largest crossbar the matrix is split into, or none. */
        TILE("tile"),
        /** Source (driver) resistance per row. */
        RS("rs"),
        /** Neuron (sense) resistance per column. */
        RN("rn"),
        /** Wire resistance per segment, rows and columns alike. */
        WIRE("wire"),
        /** Chip-to-chip variation, in standard deviations n. */
        CHIP("chipDeviations"),
        /** Device-to-device variation, relative sigma. */
        DEVICE("deviceSigma"),
        /** Probability that a device is stuck on. */
        STUCK_ON("stuckOnRate"),
        /** Probability that a device is stuck off. */
        STUCK_OFF("stuckOffRate"),
        /** The devices' sinh nonlinearity K, 1/V (0 = linear). */
        NONLINEARITY("nonlinearity"),
        /** The output model compared with the exact solution (plots only). */
        MODEL("model");

        private final String key;

        Axis(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }

        /**
         * @param key a name as configurations write it
         * @return the axis of that name, if any
         */
        public static Optional<Axis> byKey(String key) {
            return Keyed.byKey(Axis.class, key);
        }
    }

    /** The quantity a line chart plots for each point and model. */
    public enum Metric implements Keyed {
        /** Range-normalized NRMSD (DESIGN section 5). */
        NRMSD_RANGE("nrmsd-range", "NRMSD (range-normalized)"),
        /** Mean-normalized NRMSD. */
        NRMSD_MEAN("nrmsd-mean", "NRMSD (mean-normalized)"),
        /** Worst relative error over the outputs above 1 % of the largest. */
        WORST_RELATIVE("worst-relative", "worst relative error"),
        /** mean |model| / mean |exact|. */
        MEAN_RATIO("mean-ratio", "mean |model output| / mean |exact output|");

        private final String key;
        private final String label;

        Metric(String key, String label) {
            this.key = key;
            this.label = label;
        }

        @Override
        public String key() {
            return key;
        }

        /** @return the axis label */
        public String label() {
            return label;
        }

        /**
         * @param key a name as configurations write it
         * @return the metric of that name, if any
         */
        public static Optional<Metric> byKey(String key) {
            return Keyed.byKey(Metric.class, key);
        }
    }

    /** The output models a sweep compares with the exact solution. */
    public enum SweepModel implements Keyed {
        /** Seed 004's analytical model. */
        MODEL("model"),
        /** The wire-aware effective-conductance model. */
        WIRE_MODEL("wire-model"),
        /** The ideal product. */
        IDEAL("ideal");

        private final String key;

        SweepModel(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }

        /**
         * @param key a name as configurations write it
         * @return the model of that name, if any
         */
        public static Optional<SweepModel> byKey(String key) {
            return Keyed.byKey(SweepModel.class, key);
        }
    }

    /** Where a study's input vectors come from. */
    public enum InputKind implements Keyed {
        /** Seeded vectors uniform in [0, volts]. */
        RANDOM("random"),
        /** MNIST digits, a pixel of value p in [0, 1] driving {@code p * volts}. */
        MNIST("mnist");

        private final String key;

        InputKind(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }
    }

    /** What a chart shows. */
    public enum PlotType implements Keyed {
        /** A metric along one axis, a curve per series. */
        LINE("line"),
        /** Outputs of models against exact outputs at one point. */
        SCATTER("scatter");

        private final String key;

        PlotType(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }
    }

    /**
     * Inputs x outputs of a weight matrix or of a tile.
     *
     * @param rows inputs
     * @param cols outputs
     */
    public record Size(int rows, int cols) {
        /** @return {@code rows x cols} */
        @Override
        public String toString() {
            return rows + "x" + cols;
        }
    }

    /**
     * How a study splits its weight matrix: into crossbars of at most {@code largest}, or not at all.
     *
     * @param largest the largest crossbar, empty for one crossbar holding the whole matrix
     */
    public record Tiling(Optional<Size> largest) {
        /** One crossbar for the whole matrix. */
        public static final Tiling NONE = new Tiling(Optional.empty());

        /** Checks that the size is there, or explicitly absent. */
        public Tiling {
            Objects.requireNonNull(largest, "largest");
        }

        /**
         * @param largest the largest crossbar
         * @return the tiling into crossbars of at most that size
         */
        public static Tiling of(Size largest) {
            return new Tiling(Optional.of(largest));
        }

        /**
         * @param matrix the whole weight matrix
         * @return the largest crossbar it is split into (the matrix itself when not tiled)
         */
        public Size tileFor(Size matrix) {
            return largest.orElse(matrix);
        }

        /** @return {@code ROWSxCOLS}, or {@code none} as configurations write it */
        @Override
        public String toString() {
            return largest.map(Size::toString).orElse("none");
        }
    }

    /**
     * Source or neuron resistances, given in ohm or in percent of the technology's {@code R_max}
     * (seed 004's {@code r_S}, {@code r_N}).
     *
     * @param values  the values as written
     * @param percent true when they are percent of {@code R_max}
     */
    public record Terminations(List<Double> values, boolean percent) {
        /** Copies the list. */
        public Terminations {
            values = List.copyOf(values);
        }

        /**
         * @param value      one of the values
         * @param technology the device range
         * @return the resistance, ohm
         */
        public double ohms(double value, Technology technology) {
            return percent ? value / 100 * technology.maxOhms() : value;
        }
    }

    /**
     * Where the input vectors come from.
     *
     * @param kind    random vectors or MNIST digits
     * @param vectors number of vectors
     * @param volts   full-scale input voltage: random inputs are uniform in [0, volts], a pixel of
     *                value p in [0, 1] drives {@code p * volts}
     * @param dir     the MNIST directory (digit files {@code 0.json} to {@code 9.json}); empty for
     *                the default
     */
    public record Inputs(InputKind kind, int vectors, double volts, Optional<Path> dir) {
        /** @return e.g. {@code mnist:100} or {@code random:20} */
        public String label() {
            return kind.key() + ":" + vectors;
        }
    }

    /**
     * One grid of crossbar configurations; a point for every combination of the listed values.
     *
     * @param name              unique name, used in the CSV and by plots
     * @param technologies      device ranges
     * @param sizes             inputs x outputs of the weight matrix (empty with weights from a CSV)
     * @param mapping           weight mapping
     * @param bits              device levels are {@code 2^bits}
     * @param weightsCsv        a CSV of weights {@code [input][output]}; empty for random levels
     * @param inputs            input vectors
     * @param sources           source resistances
     * @param neurons           neuron resistances
     * @param wireOhms          wire segment resistances, ohm
     * @param chipDeviations    chip-to-chip variation n
     * @param chipSigma         chip-to-chip sigma
     * @param deviceSigma       device-to-device sigmas
     * @param distribution      device-to-device distribution
     * @param stuckOnRates      stuck-on probabilities
     * @param stuckOffRates     stuck-off probabilities
     * @param stuckOff          what stuck-off devices conduct
     * @param nonlinearities    the devices' sinh nonlinearities K, 1/V (0 = linear devices)
     * @param tiles             the tilings
     * @param drive             drive
     * @param models            output models to compare
     */
    public record Study(String name, List<Technology> technologies, List<Size> sizes, WeightMapping mapping, int bits,
            Optional<Path> weightsCsv, Inputs inputs, Terminations sources, Terminations neurons, List<Double> wireOhms,
            List<Double> chipDeviations, double chipSigma, List<Double> deviceSigma, Distribution distribution,
            List<Double> stuckOnRates, List<Double> stuckOffRates, StuckOff stuckOff, List<Double> nonlinearities,
            List<Tiling> tiles, Drive drive, List<SweepModel> models) {

        /** Copies the lists. */
        public Study {
            technologies = List.copyOf(technologies);
            sizes = List.copyOf(sizes);
            wireOhms = List.copyOf(wireOhms);
            chipDeviations = List.copyOf(chipDeviations);
            deviceSigma = List.copyOf(deviceSigma);
            stuckOnRates = List.copyOf(stuckOnRates);
            stuckOffRates = List.copyOf(stuckOffRates);
            nonlinearities = List.copyOf(nonlinearities);
            tiles = List.copyOf(tiles);
            models = List.copyOf(models);
        }

        /** @return the number of points of this grid */
        public long points() {
            return (long) technologies.size() * Math.max(1, sizes.size()) * tiles.size() * sources.values().size()
                    * neurons.values().size() * wireOhms.size() * chipDeviations.size() * deviceSigma.size()
                    * stuckOnRates.size() * stuckOffRates.size() * nonlinearities.size();
        }

        /** @return the names of the models, in order */
        public List<String> modelKeys() {
            return models.stream().map(SweepModel::key).toList();
        }

        /**
         * @param axis an axis
         * @return how many values this study gives it
         */
        public int count(Axis axis) {
            return switch (axis) {
                case TECHNOLOGY -> technologies.size();
                case SIZE -> Math.max(1, sizes.size());
                case TILE -> tiles.size();
                case RS -> sources.values().size();
                case RN -> neurons.values().size();
                case WIRE -> wireOhms.size();
                case CHIP -> chipDeviations.size();
                case DEVICE -> deviceSigma.size();
                case STUCK_ON -> stuckOnRates.size();
                case STUCK_OFF -> stuckOffRates.size();
                case NONLINEARITY -> nonlinearities.size();
                case MODEL -> models.size();
            };
        }
    }

    /**
     * A chart drawn from a study's results.
     *
     * @param file    PNG base name in the output directory
     * @param type    line or scatter chart
     * @param study   the study it draws from
     * @param title   chart title; empty for a generated one
     * @param x       line charts: the x axis (null for scatter charts, which have none)
     * @param series  line charts: the axes that tell the curves apart
     * @param models  the models drawn
     * @param metric  line charts: the y quantity (null for scatter charts)
     * @param at      scatter charts: the point, as axis key to the value written in the study
     *                (a technology name, a size, a number)
     */
    public record Plot(String file, PlotType type, String study, Optional<String> title, Axis x, List<Axis> series,
            List<SweepModel> models, Metric metric, Map<Axis, String> at) {
        /** Copies the collections. */
        public Plot {
            series = List.copyOf(series);
            models = List.copyOf(models);
            at = Map.copyOf(at);
        }

        /** @return the names of the models drawn, in order */
        public List<String> modelKeys() {
            return models.stream().map(SweepModel::key).toList();
        }
    }

    /**
     * @param name a study's name
     * @return the study
     */
    public Study study(String name) {
        for (Study s : studies) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new XbarException("no study named \"" + name + "\"");
    }
}
