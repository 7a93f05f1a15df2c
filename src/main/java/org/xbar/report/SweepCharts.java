package org.xbar.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.xbar.io.OutputFiles;
import org.xbar.study.sweep.SweepPoint;
import org.xbar.study.sweep.SweepSpec.Axis;
import org.xbar.study.sweep.SweepSpec.InputKind;
import org.xbar.study.sweep.SweepSpec.Metric;
import org.xbar.study.sweep.SweepSpec.Plot;
import org.xbar.study.sweep.SweepSpec.PlotType;
import org.xbar.study.sweep.SweepSpec.Study;
import org.xbar.study.sweep.SweepSpec;

/**
 * Draws a sweep's plots as PNG with JFreeChart, from the results file (so a resumed sweep draws
 * every point, old and new).
 *
 * <p>Line charts put one axis of the study along x, tell curves apart by the series axes and the
 * model (colour by series value, dash by model: solid for the seed model, dashed for the
 * wire-aware model, dotted for the ideal product) and draw one chart per combination of the other
 * axes the study sweeps, named {@code <file>-<values>.png}. An axis is logarithmic when its values
 * are all positive and span a decade or more; a point whose error is exactly zero cannot sit on a
 * logarithmic axis and is left out, and the subtitle says how many were.
 *
 * <p>Scatter charts put every output of one point at (exact current, model current), one colour
 * per model, with the line {@code y = x} where a perfect model would lie.
 */
public final class SweepCharts {
    /** Chart width, pixels. */
    public static final int WIDTH = 1000;
    /** Chart height, pixels. */
    public static final int HEIGHT = 650;

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
        new Color(0xbcbd22), new Color(0x7f7f7f)};

    private SweepCharts() {
    }

    /**
     * What drawing produced.
     *
     * @param files the PNG files written
     * @param notes plots or parts of plots left out, and why
     */
    public record Drawn(List<Path> files, List<String> notes) {
    }

    /**
     * @param spec       the sweep
     * @param points     its points
     * @param table      its results
     * @param outputsDir where points keep their outputs (scatter plots)
     * @param dir        where to write the PNG files
     * @return the files written and what was left out
     */
    public static Drawn draw(SweepSpec spec, List<SweepPoint> points, SweepTable table, Path outputsDir, Path dir) {
        System.setProperty("java.awt.headless", "true");
        List<Path> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Plot plot : spec.plots()) {
            Study study = spec.study(plot.study());
            List<SweepPoint> mine = new ArrayList<>();
            int missing = 0;
            for (SweepPoint p : points) {
                if (p.study().name().equals(study.name())) {
                    if (table.has(p, plot.modelKeys())) {
                        mine.add(p);
                    } else {
                        missing++;
                    }
                }
            }
            if (missing > 0) {
                notes.add(plot.file() + ": " + missing + " of the study's points have no results yet; drawn without them");
            }
            if (mine.isEmpty()) {
                notes.add(plot.file() + ": nothing to draw");
                continue;
            }
            if (plot.type() == PlotType.SCATTER) {
                scatter(plot, study, mine, table, outputsDir, dir, files, notes);
            } else {
                lines(plot, study, mine, table, dir, files, notes);
            }
        }
        return new Drawn(List.copyOf(files), List.copyOf(notes));
    }

    private static void lines(Plot plot, Study study, List<SweepPoint> points, SweepTable table, Path dir,
            List<Path> files, List<String> notes) {
        List<Axis> split = new ArrayList<>();
        for (Axis a : Axis.values()) {
            if (a != Axis.MODEL && a != plot.x() && !plot.series().contains(a) && study.count(a) > 1) {
                split.add(a);
            }
        }
        Map<String, List<SweepPoint>> groups = new LinkedHashMap<>();
        for (SweepPoint p : points) {
            List<String> labels = new ArrayList<>();
            for (Axis a : split) {
                labels.add(p.label(a));
            }
            groups.computeIfAbsent(String.join(", ", labels), k -> new ArrayList<>()).add(p);
        }
        boolean modelInLegend = plot.modelKeys().size() > 1 || plot.series().contains(Axis.MODEL);
        boolean logY = logScale(plot, points, table);
        for (Map.Entry<String, List<SweepPoint>> group : groups.entrySet()) {
            XYSeriesCollection data = new XYSeriesCollection();
            Map<String, Integer> colours = new LinkedHashMap<>();
            List<String> seriesModels = new ArrayList<>();
            int zeros = 0;
            for (SweepPoint p : group.getValue()) {
                List<String> labels = new ArrayList<>();
                for (Axis a : plot.series()) {
                    if (a != Axis.MODEL) {
                        labels.add(p.label(a));
                    }
                }
                String colourKey = String.join(", ", labels);
                colours.putIfAbsent(colourKey, colours.size());
                for (String model : plot.modelKeys()) {
                    String key = colourKey.isEmpty() ? display(model)
                            : modelInLegend ? display(model) + ", " + colourKey : colourKey;
                    int index = data.getSeriesIndex(key);
                    if (index < 0) {
                        data.addSeries(new XYSeries(key, true, false));
                        index = data.getSeriesCount() - 1;
                        seriesModels.add(model + "\u0000" + colourKey);
                    }
                    double y = metric(table.row(p.id(), model), plot.metric());
                    if (y <= 0 && logY) {
                        zeros++;
                        continue;
                    }
                    data.getSeries(index).add(p.coordinate(plot.x()), y);
                }
            }
            XYPlot xy = new XYPlot(data, axis(plot.x(), xValues(plot, group.getValue())),
                    yAxis(plot, points, table), new XYLineAndShapeRenderer(true, true));
            XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) xy.getRenderer();
            renderer.setLegendLine(new Line2D.Double(-20, 0, 20, 0));
            for (int s = 0; s < seriesModels.size(); s++) {
                String[] parts = seriesModels.get(s).split("\u0000", -1);
                Color colour = colourKey(parts[1], colours, parts[0], plot);
                renderer.setSeriesPaint(s, colour);
                renderer.setSeriesStroke(s, stroke(parts[0]));
                renderer.setSeriesShape(s, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
            }
            style(xy);
            String title = plot.title().orElse(plot.metric().label() + " against " + axisName(plot.x()));
            JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 18), xy, true);
            String subtitle = describe(study, points.get(0), plot, split) + (group.getKey().isEmpty() ? ""
                    : "; " + group.getKey());
            if (zeros > 0) {
                subtitle += "; " + zeros + " exact (zero-error) points not shown on the log axis";
            }
            chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
            chart.setBackgroundPaint(Color.WHITE);
            String name = plot.file() + (group.getKey().isEmpty() ? "" : "-" + fileLabel(group.getValue().get(0), split));
            files.add(save(chart, dir.resolve(name + ".png")));
        }
    }

    private static Color colourKey(String key, Map<String, Integer> colours, String model, Plot plot) {
        if (colours.size() == 1 && plot.modelKeys().size() > 1) {
            return PALETTE[plot.modelKeys().indexOf(model) % PALETTE.length];
        }
        return PALETTE[colours.get(key) % PALETTE.length];
    }

    /**
     * @param model a model's name in configurations and the CSV
     * @return its name in legends
     */
    static String display(String model) {
        return switch (model) {
            case "model" -> "seed 004 model";
            case "wire-model" -> "wire-aware model";
            case "ideal" -> "ideal I = G V";
            default -> model;
        };
    }

    private static Stroke stroke(String model) {
        return switch (model) {
            case "wire-model" -> new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {9f, 5f}, 0f);
            case "ideal" -> new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {2f, 4f}, 0f);
            default -> new BasicStroke(2f);
        };
    }

    private static double metric(SweepTable.Row row, Metric metric) {
        return switch (metric) {
            case NRMSD_RANGE -> row.nrmsdRange();
            case NRMSD_MEAN -> row.nrmsdMean();
            case WORST_RELATIVE -> row.worstRelative();
            case MEAN_RATIO -> row.meanRatio();
        };
    }

    /** @return the smallest and largest positive value the plot draws ({@code [inf, 0]} when none) */
    private static double[] positiveRange(Plot plot, List<SweepPoint> points, SweepTable table) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (SweepPoint p : points) {
            for (String m : plot.modelKeys()) {
                double y = metric(table.row(p.id(), m), plot.metric());
                if (y > 0) {
                    min = Math.min(min, y);
                    max = Math.max(max, y);
                }
            }
        }
        return new double[] {min, max};
    }

    private static boolean logScale(Plot plot, List<SweepPoint> points, SweepTable table) {
        double[] range = positiveRange(plot, points, table);
        return plot.metric() != Metric.MEAN_RATIO && range[1] > 0 && range[1] / range[0] >= 10;
    }

    private static ValueAxis yAxis(Plot plot, List<SweepPoint> points, SweepTable table) {
        String label = plot.metric().label();
        if (logScale(plot, points, table)) {
            double[] range = positiveRange(plot, points, table);
            double min = range[0];
            double max = range[1];
            return max / min < 1e3 ? fewDecades(label) : decades(label, min, max, 10, "0E0");
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(plot.metric() != Metric.MEAN_RATIO);
        return axis;
    }

    private static double[] xValues(Plot plot, List<SweepPoint> points) {
        double[] x = new double[points.size()];
        for (int k = 0; k < x.length; k++) {
            x[k] = points.get(k).coordinate(plot.x());
        }
        return x;
    }

    private static ValueAxis axis(Axis x, double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        String label = axisName(x);
        if (min > 0 && max / min >= 10) {
            boolean size = x == Axis.SIZE || x == Axis.TILE;
            return decades(label, min, max, size ? 2 : 10, size ? "0" : "0.###E0");
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    /** A logarithmic axis spanning a few decades, labelled at 1, 2 and 5 times each power of ten. */
    private static LogAxis fewDecades(String label) {
        LogAxis axis = new DecadeAxis(label, new int[] {1, 2, 5}, false);
        axis.setSmallestValue(1e-18);
        axis.setLowerMargin(0.05);
        axis.setUpperMargin(0.05);
        return axis;
    }

    /** A logarithmic axis with a tick at every power of the base (every few, past ten of them). */
    private static LogAxis decades(String label, double min, double max, double base, String format) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(base);
        double powers = Math.log(max / min) / Math.log(base);
        axis.setTickUnit(new NumberTickUnit(Math.max(1, Math.ceil(powers / 10))), false, false);
        axis.setAutoTickUnitSelection(false);
        axis.setNumberFormatOverride(new DecimalFormat(format));
        axis.setSmallestValue(min / 100);
        axis.setLowerMargin(0.05);
        axis.setUpperMargin(0.05);
        return axis;
    }

    private static String axisName(Axis x) {
        return switch (x) {
            case SIZE -> "crossbar inputs (rows of the weight matrix)";
            case TILE -> "tile inputs (rows per crossbar)";
            case RS -> "r_S = R_S / R_max (%)";
            case RN -> "r_N = R_N / R_max (%)";
            case WIRE -> "wire resistance per segment (Ω)";
            case CHIP -> "chip-to-chip deviation n (standard deviations)";
            case DEVICE -> "device-to-device σ (relative)";
            case STUCK_ON -> "stuck-on rate (probability per device)";
            case STUCK_OFF -> "stuck-off rate (probability per device)";
            case NONLINEARITY -> "device nonlinearity K (1/V), I = G sinh(K V)/K";
            case TECHNOLOGY, MODEL -> x.key();
        };
    }

    private static String describe(Study study, SweepPoint sample, Plot plot, List<Axis> split) {
        List<String> parts = new ArrayList<>();
        if (study.count(Axis.SIZE) == 1 && plot.x() != Axis.SIZE && !split.contains(Axis.SIZE)) {
            parts.add(sample.size().toString());
        }
        parts.add(study.mapping().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        parts.add(study.bits() + "-bit " + study.weightsCsv().map(csv -> csv.getFileName().toString()).orElse("random")
                + " weights");
        parts.add(study.inputs().vectors() + (study.inputs().kind() == InputKind.MNIST ? " MNIST digits" : " random inputs"));
        for (Axis a : List.of(Axis.TECHNOLOGY, Axis.RS, Axis.RN, Axis.WIRE, Axis.TILE, Axis.NONLINEARITY)) {
            if (study.count(a) == 1 && plot.x() != a && !plot.series().contains(a)
                    && (a != Axis.TILE || sample.tile().largest().isPresent())
                    && (a != Axis.NONLINEARITY || sample.nonlinearity() != 0)) {
                parts.add(sample.label(a));
            }
        }
        return String.join(", ", parts);
    }

    private static String fileLabel(SweepPoint p, List<Axis> split) {
        List<String> parts = new ArrayList<>();
        for (Axis a : split) {
            String v = switch (a) {
                case TECHNOLOGY -> p.technology().name();
                case SIZE -> p.size().toString();
                case TILE -> "tile" + p.tileLabel();
                default -> a.key() + org.xbar.io.JsonTree.plain(p.coordinate(a));
            };
            parts.add(v.replaceAll("[^A-Za-z0-9.]+", ""));
        }
        return String.join("-", parts);
    }

    private static void scatter(Plot plot, Study study, List<SweepPoint> points, SweepTable table, Path outputsDir,
            Path dir, List<Path> files, List<String> notes) {
        SweepPoint point = points.stream().filter(p -> p.matches(plot.at())).findFirst().orElse(null);
        if (point == null) {
            notes.add(plot.file() + ": the point it names has no results yet");
            return;
        }
        Map<String, double[]> outputs = SweepTable.readOutputs(outputsDir, point.id());
        if (outputs == null || !outputs.keySet().containsAll(plot.modelKeys())) {
            notes.add(plot.file() + ": no output vectors kept for point " + point.id() + " (" + point
                    + "); run the sweep again without --plots-only to recompute that point");
            return;
        }
        double[] exact = outputs.get("exact");
        double largest = 0;
        for (double v : exact) {
            largest = Math.max(largest, Math.abs(v));
        }
        double scale = largest < 1e-6 ? 1e9 : largest < 1e-3 ? 1e6 : 1e3;
        String unit = largest < 1e-6 ? "nA" : largest < 1e-3 ? "µA" : "mA";
        XYSeriesCollection data = new XYSeriesCollection();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (String model : plot.modelKeys()) {
            double[] y = outputs.get(model);
            SweepTable.Row row = table.row(point.id(), model);
            XYSeries s = new XYSeries(String.format(Locale.ROOT, "%s (NRMSD %.2e range, %.2e mean)", display(model),
                    row.nrmsdRange(), row.nrmsdMean()), false, true);
            for (int k = 0; k < exact.length; k++) {
                s.add(exact[k] * scale, y[k] * scale);
                lo = Math.min(lo, Math.min(exact[k], y[k]) * scale);
                hi = Math.max(hi, Math.max(exact[k], y[k]) * scale);
            }
            data.addSeries(s);
        }
        XYSeries identity = new XYSeries("exact (y = x)", false, true);
        identity.add(lo, lo);
        identity.add(hi, hi);
        data.addSeries(identity);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        for (int s = 0; s < plot.modelKeys().size(); s++) {
            Color c = PALETTE[s % PALETTE.length];
            renderer.setSeriesPaint(s, new Color(c.getRed(), c.getGreen(), c.getBlue(), 110));
            renderer.setSeriesShape(s, new Ellipse2D.Double(-2, -2, 4, 4));
        }
        int id = plot.modelKeys().size();
        renderer.setSeriesLinesVisible(id, true);
        renderer.setSeriesShapesVisible(id, false);
        renderer.setSeriesPaint(id, Color.BLACK);
        renderer.setSeriesStroke(id, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                new float[] {6f, 4f}, 0f));
        NumberAxis x = new NumberAxis("exact output current, nodal analysis (" + unit + ")");
        NumberAxis y = new NumberAxis("model output current (" + unit + ")");
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        XYPlot xy = new XYPlot(data, x, y, renderer);
        style(xy);
        String title = plot.title().orElse("Output currents: models against exact nodal analysis");
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 18), xy, true);
        chart.addSubtitle(new TextTitle(point + "; " + exact.length + " outputs ("
                + study.inputs().vectors() + " vectors x " + point.size().cols() + ")",
                new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        chart.setBackgroundPaint(Color.WHITE);
        files.add(save(chart, dir.resolve(plot.file() + ".png")));
    }

    private static void style(XYPlot xy) {
        xy.setBackgroundPaint(Color.WHITE);
        xy.setDomainGridlinePaint(new Color(0xdddddd));
        xy.setRangeGridlinePaint(new Color(0xdddddd));
        xy.setDomainGridlinesVisible(true);
        xy.setRangeGridlinesVisible(true);
        Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        Font ticks = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        for (ValueAxis a : new ValueAxis[] {xy.getDomainAxis(), xy.getRangeAxis()}) {
            a.setLabelFont(label);
            a.setTickLabelFont(ticks);
        }
    }

    /** Writes a chart as PNG by the rules of {@link OutputFiles} and returns the file. */
    static Path save(JFreeChart chart, Path file) {
        OutputFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
        return file;
    }
}
