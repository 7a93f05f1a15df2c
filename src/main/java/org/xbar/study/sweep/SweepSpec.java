package org.xbar.study.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xbar.device.Technology;
import org.xbar.error.XbarException;
import org.xbar.io.JsonTree.Node;
import org.xbar.io.JsonTree;
import org.xbar.spec.Drive;
import org.xbar.spec.WeightMapping;

/**
 * What a sweep computes and plots: a list of studies, each a grid over crossbar parameters, and
 * the charts drawn from their results. Read from JSON with {@link #parse(String, String, Path)};
 * the format is documented in the README ("Sweeps") and every key below is checked, with errors
 * that name the file, the line and the key.
 *
 * @param name    the sweep's name (for reports)
 * @param seed    the seed every random choice derives from
 * @param studies the grids, in order
 * @param plots   the charts
 */
public record SweepSpec(String name, long seed, List<Study> studies, List<Plot> plots) {

    /** Crossbars larger than this many inputs or outputs are refused. */
    public static final int MAX_DIMENSION = 4096;

    /** The axes a study sweeps, by their name in the configuration and in plots. */
    public enum Axis {
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
        /** The output model compared with the exact solution (plots only). */
        MODEL("model");

        private final String key;

        Axis(String key) {
            this.key = key;
        }

        /** @return the axis' name in configurations */
        public String key() {
            return key;
        }

        static Axis of(Node node) {
            String text = node.text();
            for (Axis a : values()) {
                if (a.key.equals(text)) {
                    return a;
                }
            }
            throw node.error("\"" + org.xbar.error.Excerpt.of(text) + "\" is not an axis; axes: " + String.join(", ", names()));
        }

        static List<String> names() {
            List<String> names = new ArrayList<>();
            for (Axis a : values()) {
                names.add(a.key);
            }
            return names;
        }
    }

    /** The quantity a line chart plots for each point and model. */
    public enum Metric {
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

        /** @return the metric's name in configurations */
        public String key() {
            return key;
        }

        /** @return the axis label */
        public String label() {
            return label;
        }

        static Metric of(Node node) {
            String text = node.text();
            for (Metric m : values()) {
                if (m.key.equals(text)) {
                    return m;
                }
            }
            throw node.error("\"" + org.xbar.error.Excerpt.of(text) + "\" is not a metric; metrics: nrmsd-range, nrmsd-mean, worst-relative, mean-ratio");
        }
    }

    /** The output models a sweep can compare with the exact solution. */
    public static final List<String> MODELS = List.of("model", "wire-model", "ideal");

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

        static Size of(Node node) {
            if (node.value() instanceof Double) {
                int n = node.integer(1, MAX_DIMENSION);
                return new Size(n, n);
            }
            String text = node.text().trim().toLowerCase(Locale.ROOT);
            String[] parts = text.split("x");
            try {
                if (parts.length == 2) {
                    int rows = Integer.parseInt(parts[0].trim());
                    int cols = Integer.parseInt(parts[1].trim());
                    if (rows >= 1 && cols >= 1 && rows <= MAX_DIMENSION && cols <= MAX_DIMENSION) {
                        return new Size(rows, cols);
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw node.error("\"" + node.text() + "\" is not a size: write ROWSxCOLS (e.g. \"784x500\") or N for NxN, "
                    + "each from 1 to " + MAX_DIMENSION);
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
     * @param mnist   true for MNIST digits, false for seeded random vectors
     * @param vectors number of vectors
     * @param volts   full-scale input voltage: random inputs are uniform in [0, volts], a pixel of
     *                value p in [0, 1] drives {@code p * volts}
     * @param dir     the MNIST directory (digit files {@code 0.json} to {@code 9.json}), or null
     *                for the default
     */
    public record Inputs(boolean mnist, int vectors, double volts, Path dir) {
        /** @return e.g. {@code mnist:100} or {@code random:20} */
        public String label() {
            return (mnist ? "mnist:" : "random:") + vectors;
        }
    }

    /**
     * One grid of crossbar configurations; a point for every combination of the listed values.
     *
     * @param name              unique name, used in the CSV and by plots
     * @param technologies      device ranges
     * @param sizes             inputs x outputs of the weight matrix
     * @param mapping           weight mapping
     * @param bits              device levels are {@code 2^bits}
     * @param weightsCsv        a CSV of weights {@code [input][output]}, or null for random levels
     * @param inputs            input vectors
     * @param sources           source resistances
     * @param neurons           neuron resistances
     * @param wireOhms          wire segment resistances, ohm
     * @param chipDeviations    chip-to-chip variation n
     * @param chipSigma         chip-to-chip sigma
     * @param deviceSigma       device-to-device sigmas
     * @param lognormal         device-to-device distribution
     * @param stuckOnRates      stuck-on probabilities
     * @param stuckOffRates     stuck-off probabilities
     * @param stuckOffOpen      stuck-off devices are open rather than at G_min
     * @param tiles             largest crossbar, or null for none
     * @param drive             drive
     * @param models            output models to compare
     */
    public record Study(String name, List<Technology> technologies, List<Size> sizes, WeightMapping mapping, int bits,
            Path weightsCsv, Inputs inputs, Terminations sources, Terminations neurons, List<Double> wireOhms,
            List<Double> chipDeviations, double chipSigma, List<Double> deviceSigma, boolean lognormal,
            List<Double> stuckOnRates, List<Double> stuckOffRates, boolean stuckOffOpen, List<Size> tiles, Drive drive,
            List<String> models) {

        /** @return the number of points of this grid */
        public long points() {
            return (long) technologies.size() * Math.max(1, sizes.size()) * tiles.size() * sources.values().size()
                    * neurons.values().size() * wireOhms.size() * chipDeviations.size() * deviceSigma.size()
                    * stuckOnRates.size() * stuckOffRates.size();
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
                case MODEL -> models.size();
            };
        }
    }

    /**
     * A chart drawn from a study's results.
     *
     * @param file    PNG base name in the output directory
     * @param scatter true for outputs of models against exact outputs at one point, false for a line chart
     * @param study   the study it draws from
     * @param title   chart title, or null for a generated one
     * @param x       line charts: the x axis
     * @param series  line charts: the axes that tell the curves apart
     * @param models  the models drawn
     * @param metric  line charts: the y quantity
     * @param at      scatter charts: the point, as axis key to the value written in the study
     *                (a technology name, a size, a number)
     */
    public record Plot(String file, boolean scatter, String study, String title, Axis x, List<Axis> series,
            List<String> models, Metric metric, Map<Axis, String> at) {
    }

    private static final Set<String> TOP_KEYS = Set.of("name", "seed", "studies", "plots", "description");
    private static final Set<String> STUDY_KEYS = Set.of("name", "technologies", "sizes", "mapping", "bits", "weights",
            "inputs", "rsOhms", "rsPercent", "rnOhms", "rnPercent", "wireOhms", "chipDeviations", "chipSigma",
            "deviceSigma", "deviceDistribution", "stuckOnRate", "stuckOffRate", "stuckOff", "tiles", "drive", "models",
            "description");
    private static final Set<String> INPUT_KEYS = Set.of("kind", "vectors", "volts", "dir");
    private static final Set<String> PLOT_KEYS = Set.of("file", "type", "study", "title", "x", "series", "models",
            "metric", "at");

    /**
     * @param file    the file name, for messages
     * @param text    the JSON document
     * @param baseDir directory that relative paths in the document are resolved against
     * @return the sweep
     * @throws org.xbar.error.InputFormatException naming the file, line and key of the first problem
     */
    public static SweepSpec parse(String file, String text, Path baseDir) {
        Node root = JsonTree.parse(file, text).requireKeys(TOP_KEYS);
        String name = root.get("name") == null ? "sweep" : identifier(root.get("name"));
        long seed = root.get("seed") == null ? 1 : (long) root.get("seed").number(0, 1L << 52, "");
        if (root.get("studies") == null) {
            throw root.error("needs \"studies\": a list of grids to sweep");
        }
        List<Study> studies = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node node : root.get("studies").list()) {
            Study study = study(node, baseDir);
            if (!names.add(study.name())) {
                throw node.get("name").error("a study named \"" + study.name() + "\" exists already");
            }
            studies.add(study);
        }
        List<Plot> plots = new ArrayList<>();
        if (root.get("plots") != null && !(root.get("plots").value() instanceof List<?> l && l.isEmpty())) {
            Set<String> files = new HashSet<>();
            for (Node node : root.get("plots").list()) {
                Plot plot = plot(node, studies);
                if (!files.add(plot.file())) {
                    throw node.get("file").error("another plot writes \"" + plot.file() + "\" already");
                }
                plots.add(plot);
            }
        }
        return new SweepSpec(name, seed, List.copyOf(studies), List.copyOf(plots));
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

    private static String identifier(Node node) {
        String text = node.text();
        if (!text.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw node.error("\"" + org.xbar.error.Excerpt.of(text) + "\" must be letters, digits, '_', '-' or '.', starting with a letter or digit");
        }
        return text;
    }

    private static Study study(Node node, Path baseDir) {
        node.requireKeys(STUDY_KEYS);
        if (node.get("name") == null) {
            throw node.error("a study needs a \"name\"");
        }
        String name = identifier(node.get("name"));
        List<Technology> technologies = new ArrayList<>();
        if (node.get("technologies") == null) {
            technologies.add(Technology.TIO2);
        } else {
            for (Node t : node.get("technologies").list()) {
                technologies.add(technology(t));
            }
        }
        Path weightsCsv = null;
        Node weights = node.get("weights");
        if (weights != null) {
            if (weights.value() instanceof String s) {
                if (!s.equals("random")) {
                    throw weights.error("must be \"random\" or {\"csv\": \"FILE\"}, got \"" + s + "\"");
                }
            } else {
                weights.requireKeys(Set.of("csv"));
                if (weights.get("csv") == null) {
                    throw weights.error("needs \"csv\": the weight file, one row per input, one column per output");
                }
                weightsCsv = baseDir.resolve(weights.get("csv").text());
            }
        }
        List<Size> sizes = new ArrayList<>();
        if (node.get("sizes") != null) {
            for (Node s : node.get("sizes").list()) {
                sizes.add(Size.of(s));
            }
            if (weightsCsv != null) {
                throw node.get("sizes").error("leave \"sizes\" out when the weights come from a CSV: its shape is the size");
            }
        } else if (weightsCsv == null) {
            throw node.error("needs \"sizes\" (e.g. [\"784x500\", 64]) or \"weights\": {\"csv\": FILE}");
        }
        WeightMapping mapping = node.get("mapping") == null ? WeightMapping.ROW_PAIR : mapping(node.get("mapping"));
        int bits = node.get("bits") == null ? 4 : node.get("bits").integer(1, 12);
        Inputs inputs = inputs(node.get("inputs"), baseDir);
        Terminations sources = terminations(node, "rs", 1e6);
        Terminations neurons = terminations(node, "rn", 1e6);
        List<Double> wire = numbers(node.get("wireOhms"), 0, 1e4, "ohm");
        List<Double> chip = numbers(node.get("chipDeviations"), -10, 10, "standard deviations");
        double chipSigma = node.get("chipSigma") == null ? 0 : node.get("chipSigma").number(0, 0.5, "(relative)");
        for (int k = 0; k < chip.size(); k++) {
            if (!(1 + chip.get(k) * chipSigma > 0)) {
                throw node.get("chipDeviations").list().get(k).error("1 + n * chipSigma must be > 0");
            }
        }
        if (chipSigma == 0 && chip.stream().anyMatch(v -> v != 0)) {
            throw node.get("chipDeviations").error("non-zero chip deviations need \"chipSigma\" > 0");
        }
        List<Double> device = numbers(node.get("deviceSigma"), 0, 2, "(relative)");
        boolean lognormal = true;
        if (node.get("deviceDistribution") != null) {
            String d = node.get("deviceDistribution").text();
            if (!d.equals("lognormal") && !d.equals("normal")) {
                throw node.get("deviceDistribution").error("must be \"lognormal\" or \"normal\", got \"" + d + "\"");
            }
            lognormal = d.equals("lognormal");
        }
        List<Double> stuckOn = numbers(node.get("stuckOnRate"), 0, 1, "(probability)");
        List<Double> stuckOff = numbers(node.get("stuckOffRate"), 0, 1, "(probability)");
        for (int a = 0; a < stuckOn.size(); a++) {
            for (int b = 0; b < stuckOff.size(); b++) {
                if (stuckOn.get(a) + stuckOff.get(b) > 1) {
                    throw node.get("stuckOffRate").error("stuckOnRate + stuckOffRate must be <= 1, got "
                            + stuckOn.get(a) + " + " + stuckOff.get(b));
                }
            }
        }
        boolean open = false;
        if (node.get("stuckOff") != null) {
            String s = node.get("stuckOff").text();
            if (!s.equals("gmin") && !s.equals("open")) {
                throw node.get("stuckOff").error("must be \"gmin\" or \"open\", got \"" + s + "\"");
            }
            open = s.equals("open");
        }
        List<Size> tiles = new ArrayList<>();
        if (node.get("tiles") == null) {
            tiles.add(null);
        } else {
            for (Node t : node.get("tiles").list()) {
                tiles.add(t.value() instanceof String s && s.equals("none") ? null : Size.of(t));
            }
        }
        Drive drive = Drive.ONE_END;
        if (node.get("drive") != null) {
            String d = node.get("drive").text();
            drive = switch (d) {
                case "one-end" -> Drive.ONE_END;
                case "both-ends" -> Drive.BOTH_ENDS;
                default -> throw node.get("drive").error("must be \"one-end\" or \"both-ends\", got \"" + d + "\"");
            };
        }
        List<String> models = models(node.get("models"), MODELS);
        Study study = new Study(name, List.copyOf(technologies), List.copyOf(sizes), mapping, bits, weightsCsv, inputs,
                sources, neurons, wire, chip, chipSigma, device, lognormal, stuckOn, stuckOff, open,
                java.util.Collections.unmodifiableList(tiles), drive, models);
        if (inputs.mnist()) {
            for (int k = 0; k < sizes.size(); k++) {
                if (sizes.get(k).rows() != 784) {
                    throw node.get("sizes").list().get(k).error("MNIST inputs need 784 rows (one per pixel), size "
                            + sizes.get(k) + " has " + sizes.get(k).rows());
                }
            }
        }
        if (study.points() > 100_000) {
            throw node.error("the grid has " + study.points() + " points; split it (at most 100000 per study)");
        }
        return study;
    }

    private static Technology technology(Node node) {
        if (node.value() instanceof String s) {
            try {
                return Technology.byName(s);
            } catch (XbarException e) {
                throw node.error("\"" + org.xbar.error.Excerpt.of(s) + "\" is not a technology; presets: TiO2, AgSi, TaOx, spintronic, PCM, PHAX, "
                        + "or {\"name\": ..., \"minOhms\": ..., \"maxOhms\": ...}");
            }
        }
        node.requireKeys(Set.of("name", "minOhms", "maxOhms"));
        for (String key : List.of("name", "minOhms", "maxOhms")) {
            if (node.get(key) == null) {
                throw node.error("a custom technology needs \"" + key + "\"");
            }
        }
        double min = node.get("minOhms").number(1, 1e12, "ohm");
        double max = node.get("maxOhms").number(min, 1e12, "ohm (and >= minOhms)");
        return new Technology(identifier(node.get("name")), min, max);
    }

    private static WeightMapping mapping(Node node) {
        String text = node.text();
        return switch (text) {
            case "single" -> WeightMapping.SINGLE;
            case "row-pair" -> WeightMapping.ROW_PAIR;
            case "column-pair" -> WeightMapping.COLUMN_PAIR;
            default -> throw node.error("must be \"single\", \"row-pair\" or \"column-pair\", got \"" + text + "\"");
        };
    }

    private static Inputs inputs(Node node, Path baseDir) {
        if (node == null) {
            return new Inputs(false, 10, 0.2, null);
        }
        node.requireKeys(INPUT_KEYS);
        String kind = node.get("kind") == null ? "random" : node.get("kind").text();
        if (!kind.equals("random") && !kind.equals("mnist")) {
            throw node.get("kind").error("must be \"random\" or \"mnist\", got \"" + kind + "\"");
        }
        boolean mnist = kind.equals("mnist");
        int vectors = node.get("vectors") == null ? 10 : node.get("vectors").integer(1, mnist ? 10_000 : 1_000_000);
        double volts = node.get("volts") == null ? 0.2 : node.get("volts").number(1e-6, 100, "volt");
        Path dir = null;
        if (node.get("dir") != null) {
            if (!mnist) {
                throw node.get("dir").error("\"dir\" applies to MNIST inputs only");
            }
            dir = baseDir.resolve(node.get("dir").text());
        }
        return new Inputs(mnist, vectors, volts, dir);
    }

    private static Terminations terminations(Node study, String prefix, double maxOhms) {
        Node ohms = study.get(prefix + "Ohms");
        Node percent = study.get(prefix + "Percent");
        if (ohms != null && percent != null) {
            throw percent.error("give either \"" + prefix + "Ohms\" or \"" + prefix + "Percent\", not both");
        }
        if (percent != null) {
            return new Terminations(numbers(percent, 0, 100, "percent of R_max"), true);
        }
        return new Terminations(numbers(ohms, 0, maxOhms, "ohm"), false);
    }

    private static List<Double> numbers(Node node, double min, double max, String unit) {
        if (node == null) {
            return List.of(0.0);
        }
        List<Double> values = new ArrayList<>();
        for (Node n : node.list()) {
            double v = n.number(min, max, unit);
            if (values.contains(v)) {
                throw n.error("the value " + JsonTree.plain(v) + " is listed twice");
            }
            values.add(v);
        }
        return List.copyOf(values);
    }

    private static List<String> models(Node node, List<String> allowed) {
        if (node == null) {
            return allowed;
        }
        List<String> models = new ArrayList<>();
        for (Node n : node.list()) {
            String m = n.text();
            if (!allowed.contains(m)) {
                throw n.error("\"" + org.xbar.error.Excerpt.of(m) + "\" is not a model here; models: " + String.join(", ", allowed));
            }
            if (models.contains(m)) {
                throw n.error("\"" + org.xbar.error.Excerpt.of(m) + "\" is listed twice");
            }
            models.add(m);
        }
        return List.copyOf(models);
    }

    private static Plot plot(Node node, List<Study> studies) {
        node.requireKeys(PLOT_KEYS);
        for (String key : List.of("file", "study")) {
            if (node.get(key) == null) {
                throw node.error("a plot needs \"" + key + "\"");
            }
        }
        String file = identifier(node.get("file"));
        String studyName = node.get("study").text();
        Study study = studies.stream().filter(s -> s.name().equals(studyName)).findFirst()
                .orElseThrow(() -> node.get("study").error("no study named \"" + studyName + "\""));
        String type = node.get("type") == null ? "line" : node.get("type").text();
        if (!type.equals("line") && !type.equals("scatter")) {
            throw node.get("type").error("must be \"line\" or \"scatter\", got \"" + type + "\"");
        }
        String title = node.get("title") == null ? null : node.get("title").text();
        if (type.equals("scatter")) {
            for (String key : List.of("x", "series", "metric")) {
                if (node.get(key) != null) {
                    throw node.get(key).error("\"" + org.xbar.error.Excerpt.of(key) + "\" applies to line plots only");
                }
            }
            List<String> models = models(node.get("models"), study.models());
            Map<Axis, String> at = new LinkedHashMap<>();
            Node atNode = node.get("at");
            if (atNode != null) {
                for (Map.Entry<String, Node> e : atNode.object().entrySet()) {
                    Axis axis = Axis.of(new Node(e.getValue().file(), e.getValue().path(), e.getValue().line(), e.getKey()));
                    if (axis == Axis.MODEL) {
                        throw e.getValue().error("\"model\" is chosen with \"models\"");
                    }
                    at.put(axis, atValue(e.getValue(), axis, study));
                }
            }
            for (Axis axis : Axis.values()) {
                if (axis != Axis.MODEL && !at.containsKey(axis) && study.count(axis) > 1) {
                    throw node.error("study \"" + study.name() + "\" sweeps " + axis.key() + " over "
                            + study.count(axis) + " values: name one in \"at\"");
                }
            }
            return new Plot(file, true, studyName, title, null, List.of(), models, null, Map.copyOf(at));
        }
        if (node.get("at") != null) {
            throw node.get("at").error("\"at\" applies to scatter plots only");
        }
        if (node.get("x") == null) {
            throw node.error("a line plot needs \"x\": the axis along which the curves run");
        }
        Axis x = Axis.of(node.get("x"));
        if (x == Axis.MODEL || x == Axis.TECHNOLOGY) {
            throw node.get("x").error("\"" + x.key() + "\" cannot be an x axis; use it as a series");
        }
        List<Axis> series = new ArrayList<>();
        if (node.get("series") != null) {
            for (Node s : node.get("series").list()) {
                Axis a = Axis.of(s);
                if (a == x || series.contains(a)) {
                    throw s.error("\"" + a.key() + "\" is the x axis or listed twice");
                }
                series.add(a);
            }
        }
        List<String> models = models(node.get("models"), study.models());
        Metric metric = node.get("metric") == null ? Metric.NRMSD_RANGE : Metric.of(node.get("metric"));
        return new Plot(file, false, studyName, title, x, List.copyOf(series), models, metric, Map.of());
    }

    private static String atValue(Node node, Axis axis, Study study) {
        switch (axis) {
            case TECHNOLOGY -> {
                Technology t = technology(node);
                if (!study.technologies().contains(t)) {
                    throw node.error("study \"" + study.name() + "\" has no technology " + t.name());
                }
                return t.name();
            }
            case SIZE, TILE -> {
                Size s = node.value() instanceof String text && text.equals("none") ? null : Size.of(node);
                List<Size> list = axis == Axis.SIZE ? study.sizes() : study.tiles();
                if (!list.contains(s)) {
                    throw node.error("study \"" + study.name() + "\" has no " + axis.key() + " " + (s == null ? "none" : s));
                }
                return String.valueOf(s == null ? "none" : s);
            }
            default -> {
                double v = node.number();
                List<Double> list = switch (axis) {
                    case RS -> study.sources().values();
                    case RN -> study.neurons().values();
                    case WIRE -> study.wireOhms();
                    case CHIP -> study.chipDeviations();
                    case DEVICE -> study.deviceSigma();
                    case STUCK_ON -> study.stuckOnRates();
                    default -> study.stuckOffRates();
                };
                if (!list.contains(v)) {
                    throw node.error("study \"" + study.name() + "\" has no " + axis.key() + " value " + JsonTree.plain(v)
                            + "; its values: " + list);
                }
                return Double.toString(v);
            }
        }
    }
}
