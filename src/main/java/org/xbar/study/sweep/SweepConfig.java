package org.xbar.study.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xbar.device.Distribution;
import org.xbar.device.StuckOff;
import org.xbar.device.Technology;
import org.xbar.error.Excerpt;
import org.xbar.error.XbarException;
import org.xbar.io.JsonTree.Node;
import org.xbar.io.JsonTree;
import org.xbar.spec.Drive;
import org.xbar.spec.Keyed;
import org.xbar.spec.WeightMapping;
import org.xbar.study.sweep.SweepSpec.Axis;
import org.xbar.study.sweep.SweepSpec.InputKind;
import org.xbar.study.sweep.SweepSpec.Inputs;
import org.xbar.study.sweep.SweepSpec.Metric;
import org.xbar.study.sweep.SweepSpec.Plot;
import org.xbar.study.sweep.SweepSpec.PlotType;
import org.xbar.study.sweep.SweepSpec.Size;
import org.xbar.study.sweep.SweepSpec.Study;
import org.xbar.study.sweep.SweepSpec.SweepModel;
import org.xbar.study.sweep.SweepSpec.Terminations;
import org.xbar.study.sweep.SweepSpec.Tiling;

/**
 * Reads a {@link SweepSpec} from its JSON configuration (the format documented in the README,
 * "Sweeps"). Every key is checked, and the first problem is reported with the file, the line and
 * the key ({@link org.xbar.error.InputFormatException}).
 */
public final class SweepConfig {
    private SweepConfig() {
    }

    /**
     * Largest sinh nonlinearity K a study takes, 1/V: at 20/V a device at 1 V conducts
     * {@code sinh(20)/20 = 1.2e7} times its linear current, far past any device's read regime.
     */
    static final double MAX_NONLINEARITY = 20;

    private static final Set<String> TOP_KEYS = Set.of("name", "seed", "studies", "plots", "description");
    private static final Set<String> STUDY_KEYS = Set.of("name", "technologies", "sizes", "mapping", "bits", "weights",
            "inputs", "rsOhms", "rsPercent", "rnOhms", "rnPercent", "wireOhms", "chipDeviations", "chipSigma",
            "deviceSigma", "deviceDistribution", "stuckOnRate", "stuckOffRate", "stuckOff", "nonlinearity", "tiles", "drive",
            "models", "description");
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
        return new SweepSpec(name, seed, studies, plots);
    }

    private static String identifier(Node node) {
        String text = node.text();
        if (!text.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw node.error("\"" + Excerpt.of(text) + "\" must be letters, digits, '_', '-' or '.', starting with a letter or digit");
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
        Optional<Path> weightsCsv = Optional.empty();
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
                weightsCsv = Optional.of(baseDir.resolve(weights.get("csv").text()));
            }
        }
        List<Size> sizes = new ArrayList<>();
        if (node.get("sizes") != null) {
            for (Node s : node.get("sizes").list()) {
                sizes.add(size(s));
            }
            if (weightsCsv.isPresent()) {
                throw node.get("sizes").error("leave \"sizes\" out when the weights come from a CSV: its shape is the size");
            }
        } else if (weightsCsv.isEmpty()) {
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
        Distribution distribution = Distribution.LOGNORMAL;
        if (node.get("deviceDistribution") != null) {
            Node d = node.get("deviceDistribution");
            distribution = Distribution.byName(d.text()).filter(x -> x.key().equals(d.text()))
                    .orElseThrow(() -> d.error("must be \"lognormal\" or \"normal\", got \"" + Excerpt.of(d.text()) + "\""));
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
        StuckOff stuckOffMode = StuckOff.GMIN;
        if (node.get("stuckOff") != null) {
            Node s = node.get("stuckOff");
            stuckOffMode = StuckOff.byName(s.text()).filter(x -> x.key().equals(s.text()))
                    .orElseThrow(() -> s.error("must be \"gmin\" or \"open\", got \"" + Excerpt.of(s.text()) + "\""));
        }
        List<Double> nonlinearity = numbers(node.get("nonlinearity"), 0, MAX_NONLINEARITY, "1/V");
        List<Tiling> tiles = new ArrayList<>();
        if (node.get("tiles") == null) {
            tiles.add(Tiling.NONE);
        } else {
            for (Node t : node.get("tiles").list()) {
                tiles.add(tiling(t));
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
        List<SweepModel> models = models(node.get("models"), List.of(SweepModel.values()));
        Study study = new Study(name, technologies, sizes, mapping, bits, weightsCsv, inputs,
                sources, neurons, wire, chip, chipSigma, device, distribution, stuckOn, stuckOff, stuckOffMode,
                nonlinearity, tiles, drive, models);
        if (inputs.kind() == InputKind.MNIST) {
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
                throw node.error("\"" + Excerpt.of(s) + "\" is not a technology; presets: TiO2, AgSi, TaOx, spintronic, PCM, PHAX, "
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
            return new Inputs(InputKind.RANDOM, 10, 0.2, Optional.empty());
        }
        node.requireKeys(INPUT_KEYS);
        String kind = node.get("kind") == null ? "random" : node.get("kind").text();
        if (!kind.equals("random") && !kind.equals("mnist")) {
            throw node.get("kind").error("must be \"random\" or \"mnist\", got \"" + kind + "\"");
        }
        boolean mnist = kind.equals("mnist");
        int vectors = node.get("vectors") == null ? 10 : node.get("vectors").integer(1, mnist ? 10_000 : 1_000_000);
        double volts = node.get("volts") == null ? 0.2 : node.get("volts").number(1e-6, 100, "volt");
        Optional<Path> dir = Optional.empty();
        if (node.get("dir") != null) {
            if (!mnist) {
                throw node.get("dir").error("\"dir\" applies to MNIST inputs only");
            }
            dir = Optional.of(baseDir.resolve(node.get("dir").text()));
        }
        return new Inputs(mnist ? InputKind.MNIST : InputKind.RANDOM, vectors, volts, dir);
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

    private static List<SweepModel> models(Node node, List<SweepModel> allowed) {
        if (node == null) {
            return allowed;
        }
        List<SweepModel> models = new ArrayList<>();
        for (Node n : node.list()) {
            String text = n.text();
            SweepModel m = SweepModel.byKey(text).filter(allowed::contains).orElseThrow(() -> n.error("\"" + Excerpt.of(text)
                    + "\" is not a model here; models: " + String.join(", ", allowed.stream().map(SweepModel::key).toList())));
            if (models.contains(m)) {
                throw n.error("\"" + Excerpt.of(text) + "\" is listed twice");
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
        PlotType type = PlotType.LINE;
        if (node.get("type") != null) {
            Node t = node.get("type");
            type = Keyed.byKey(PlotType.class, t.text()).orElseThrow(() -> t.error("must be \"line\" or \"scatter\", got \"" + Excerpt.of(t.text()) + "\""));
        }
        Optional<String> title = node.get("title") == null ? Optional.empty() : Optional.of(node.get("title").text());
        if (type == PlotType.SCATTER) {
            for (String key : List.of("x", "series", "metric")) {
                if (node.get(key) != null) {
                    throw node.get(key).error("\"" + Excerpt.of(key) + "\" applies to line plots only");
                }
            }
            List<SweepModel> models = models(node.get("models"), study.models());
            Map<Axis, String> at = new LinkedHashMap<>();
            Node atNode = node.get("at");
            if (atNode != null) {
                for (Map.Entry<String, Node> e : atNode.object().entrySet()) {
                    Axis axis = axis(new Node(e.getValue().file(), e.getValue().path(), e.getValue().line(), e.getKey()));
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
            return new Plot(file, PlotType.SCATTER, studyName, title, null, List.of(), models, null, at);
        }
        if (node.get("at") != null) {
            throw node.get("at").error("\"at\" applies to scatter plots only");
        }
        if (node.get("x") == null) {
            throw node.error("a line plot needs \"x\": the axis along which the curves run");
        }
        Axis x = axis(node.get("x"));
        if (x == Axis.MODEL || x == Axis.TECHNOLOGY) {
            throw node.get("x").error("\"" + x.key() + "\" cannot be an x axis; use it as a series");
        }
        List<Axis> series = new ArrayList<>();
        if (node.get("series") != null) {
            for (Node s : node.get("series").list()) {
                Axis a = axis(s);
                if (a == x || series.contains(a)) {
                    throw s.error("\"" + a.key() + "\" is the x axis or listed twice");
                }
                series.add(a);
            }
        }
        List<SweepModel> models = models(node.get("models"), study.models());
        Metric metric = node.get("metric") == null ? Metric.NRMSD_RANGE : metric(node.get("metric"));
        return new Plot(file, PlotType.LINE, studyName, title, x, series, models, metric, Map.of());
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
                Object s = axis == Axis.SIZE ? size(node) : tiling(node);
                List<?> list = axis == Axis.SIZE ? study.sizes() : study.tiles();
                if (!list.contains(s)) {
                    throw node.error("study \"" + study.name() + "\" has no " + axis.key() + " " + s);
                }
                return s.toString();
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
                    case NONLINEARITY -> study.nonlinearities();
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

    private static Size size(Node node) {
        if (node.value() instanceof Double) {
            int n = node.integer(1, SweepSpec.MAX_DIMENSION);
            return new Size(n, n);
        }
        String text = node.text().trim().toLowerCase(Locale.ROOT);
        String[] parts = text.split("x");
        try {
            if (parts.length == 2) {
                int rows = Integer.parseInt(parts[0].trim());
                int cols = Integer.parseInt(parts[1].trim());
                if (rows >= 1 && cols >= 1 && rows <= SweepSpec.MAX_DIMENSION && cols <= SweepSpec.MAX_DIMENSION) {
                    return new Size(rows, cols);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw node.error("\"" + Excerpt.of(node.text()) + "\" is not a size: write ROWSxCOLS (e.g. \"784x500\") or N for NxN, "
                + "each from 1 to " + SweepSpec.MAX_DIMENSION);
    }

    private static Tiling tiling(Node node) {
        return node.value() instanceof String s && s.equals("none") ? Tiling.NONE : Tiling.of(size(node));
    }

    private static Axis axis(Node node) {
        String text = node.text();
        return Axis.byKey(text).orElseThrow(() -> node.error("\"" + Excerpt.of(text) + "\" is not an axis; axes: "
                + Keyed.keys(Axis.class)));
    }

    private static Metric metric(Node node) {
        String text = node.text();
        return Metric.byKey(text).orElseThrow(() -> node.error("\"" + Excerpt.of(text)
                + "\" is not a metric; metrics: nrmsd-range, nrmsd-mean, worst-relative, mean-ratio"));
    }
}
