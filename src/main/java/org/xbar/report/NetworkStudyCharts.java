package org.xbar.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.xbar.io.JsonTree;
import org.xbar.study.AccuracyRow;

/**
 * The network study's plots as PNG (JFreeChart, in the style of the sweep's): grouped bars of
 * accuracy for seed 004's Fig. 5 (one chart per technology), Fig. 7 (tiles), the wires, PHAX and
 * Fashion-MNIST, and lines against n for Fig. 6 (chip-to-chip variation). Colours tell trainings
 * apart, lighter shades the seed model's prediction from the exact circuit's accuracy; a dashed
 * line marks the ideally trained network on ideal crossbars.
 */
public final class NetworkStudyCharts {
    private static final Color IDEAL_EXACT = new Color(0x1f77b4);
    private static final Color IDEAL_MODEL = new Color(0xaec7e8);
    private static final Color SEED_EXACT = new Color(0xd62728);
    private static final Color SEED_MODEL = new Color(0xff9896);
    private static final Color WIRE_EXACT = new Color(0x2ca02c);
    private static final Color WIRE_MODEL = new Color(0x98df8a);
    private static final Color OTHER = new Color(0x9467bd);

    private NetworkStudyCharts() {
    }

    /**
     * @param rows the study's rows
     * @param dir  where to write the PNG files
     * @return the files written
     */
    public static List<Path> draw(List<AccuracyRow> rows, Path dir) {
        List<Path> files = new ArrayList<>();
        double baseline = rows.stream().filter(r -> r.study().equals("baseline") && r.trainedFor().equals("-"))
                .mapToDouble(AccuracyRow::accuracy)
                .findFirst().orElse(Double.NaN);
        String network = rows.stream().filter(r -> r.dataset().equals("mnist") && !r.training().equals("phax"))
                .map(AccuracyRow::network).findFirst().orElse("");
        Set<String> technologies = new LinkedHashSet<>();
        rows.stream().filter(r -> r.study().equals("fig5")).forEach(r -> technologies.add(r.technology()));
        for (String t : technologies) {
            files.add(bars(rows, r -> r.study().equals("fig5") && r.technology().equals(t),
                    r -> JsonTree.plain(r.sourceOhms()) + " / " + JsonTree.plain(r.neuronOhms()),
                    NetworkStudyCharts::trainingAndEvaluator, baseline, "Accuracy against source and neuron resistance, " + t,
                    network + " on MNIST, one crossbar per layer, no wires; categories R_S / R_N in ohm (seed 004 Fig. 5)",
                    "R_S / R_N (ohm)", dir.resolve("fig5-" + t + ".png")));
        }
        if (rows.stream().anyMatch(r -> r.study().equals("fig6"))) {
            files.add(chip(rows, baseline, network, dir.resolve("fig6-chip-variation.png")));
        }
        if (rows.stream().anyMatch(r -> r.study().equals("fig7"))) {
            files.add(bars(rows, r -> r.study().equals("fig7"), AccuracyRow::tile, NetworkStudyCharts::trainingAndEvaluator,
                    baseline, "Accuracy against tile size, TiO2 at R_S 800 ohm, R_N 200 ohm",
                    network + " on MNIST, no wires; each tile its own crossbar, partial outputs summed (seed 004 Fig. 7)",
                    "tile (rows of [W; b] x outputs)", dir.resolve("fig7-tiles.png")));
        }
        if (rows.stream().anyMatch(r -> r.study().equals("wires"))) {
            files.add(bars(rows, r -> r.study().equals("wires") && r.evaluator().equals("nodal"),
                    r -> "tile " + r.tile() + ", " + JsonTree.plain(r.wireOhms()) + " Ω", r -> r.training() + " (exact)",
                    baseline, "Exact accuracy with wire resistance, TiO2 at R_S 800 ohm, R_N 200 ohm",
                    network + " on MNIST: ideal, seed-aware and wire-aware training, every tile solved by nodal analysis",
                    "tile, wire resistance per segment", dir.resolve("wires-exact.png")));
            files.add(bars(rows, r -> r.study().equals("wires") && r.training().equals("wire-aware"),
                    r -> "tile " + r.tile() + ", " + JsonTree.plain(r.wireOhms()) + " Ω", AccuracyRow::evaluator, baseline,
                    "What the models predict for the wire-aware trained networks",
                    network + " on MNIST, TiO2 at R_S 800 ohm, R_N 200 ohm: seed model, wire-aware model and the exact circuit",
                    "tile, wire resistance per segment", dir.resolve("wires-evaluators.png")));
        }
        if (rows.stream().anyMatch(r -> r.study().equals("fullscale"))) {
            files.add(bars(rows, r -> r.study().equals("fullscale") && !r.evaluator().equals("ideal"),
                    r -> "W_max " + r.fullScale(), NetworkStudyCharts::trainingAndEvaluator, baseline,
                    "Accuracy against the full-scale rule, TiO2 at R_S 800 ohm, R_N 200 ohm",
                    network + " on MNIST, one crossbar per layer, no wires: a percentile W_max clips the largest weights and"
                            + " fills the crossbars", "W_max of each layer", dir.resolve("fullscale.png")));
        }
        if (rows.stream().anyMatch(r -> r.study().equals("fashion"))) {
            files.add(bars(rows, r -> r.study().equals("fashion"), r -> r.training(), AccuracyRow::evaluator, Double.NaN,
                    "Fashion-MNIST at TiO2's worst corner (R_S 800 ohm, R_N 200 ohm)",
                    network + ", one crossbar per layer, no wires", "training", dir.resolve("fashion.png")));
        }
        if (rows.stream().anyMatch(r -> r.study().equals("phax"))) {
            String phax = rows.stream().filter(r -> r.study().equals("phax")).map(AccuracyRow::network).findFirst().orElse("");
            files.add(bars(rows, r -> r.study().equals("phax"), r -> r.trainedFor().replace("loss=", "trained with "),
                    AccuracyRow::evaluator, Double.NaN,
                    "PHAX inverter network: ideal model, behavioral and transistor-level neurons",
                    phax + " on 14x14 MNIST; circuit level: the whole network solved by Newton, inverters loaded by the next crossbar",
                    "", dir.resolve("phax.png")));
        }
        return files;
    }

    /** @return the accuracy axis' lower end: 10 % steps, at least 5 points below the lowest bar, 0 at most */
    private static double floor(java.util.stream.DoubleStream accuracies) {
        double min = accuracies.min().orElse(0);
        return Math.max(0, Math.floor((min - 5) / 10) * 10);
    }

    private static String trainingAndEvaluator(AccuracyRow r) {
        String training = r.training().equals("ideal") ? "ideally trained" : r.training();
        return training + ", " + (r.evaluator().equals("nodal") ? "exact circuit" : r.evaluator().equals("model")
                ? "seed 004 model" : r.evaluator());
    }

    private static Color colour(String series) {
        boolean exact = series.contains("exact") || series.contains("nodal");
        if (series.startsWith("ideally") || series.startsWith("ideal (")) {
            return exact ? IDEAL_EXACT : IDEAL_MODEL;
        }
        if (series.startsWith("seed-aware")) {
            return exact ? SEED_EXACT : SEED_MODEL;
        }
        if (series.startsWith("wire-aware")) {
            return exact ? WIRE_EXACT : WIRE_MODEL;
        }
        return switch (series) {
            case "ideal" -> IDEAL_EXACT;
            case "model" -> SEED_MODEL;
            case "wire-aware" -> WIRE_MODEL;
            case "nodal" -> SEED_EXACT;
            case "behavioral" -> WIRE_EXACT;
            default -> OTHER;
        };
    }

    private static Path bars(List<AccuracyRow> rows, Predicate<AccuracyRow> filter, Function<AccuracyRow, String> category,
            Function<AccuracyRow, String> series, double baseline, String title, String subtitle, String axis, Path file) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Map<String, Integer> order = new LinkedHashMap<>();
        for (AccuracyRow r : rows) {
            if (filter.test(r)) {
                String s = series.apply(r);
                order.putIfAbsent(s, order.size());
                data.addValue(r.accuracy(), s, category.apply(r));
            }
        }
        NumberAxis accuracy = new NumberAxis("test accuracy (%)");
        accuracy.setRange(floor(rows.stream().filter(filter).mapToDouble(AccuracyRow::accuracy)), 100);
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.02);
        for (Map.Entry<String, Integer> e : order.entrySet()) {
            renderer.setSeriesPaint(e.getValue(), colour(e.getKey()));
        }
        CategoryAxis categories = new CategoryAxis(axis);
        if (data.getColumnCount() > 6) {
            categories.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        CategoryPlot plot = new CategoryPlot(data, categories, accuracy, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinesVisible(true);
        if (!Double.isNaN(baseline)) {
            ValueMarker marker = new ValueMarker(baseline, Color.DARK_GRAY, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f));
            marker.setLabel(String.format(java.util.Locale.ROOT, "ideally trained, ideal crossbars: %.2f %%", baseline));
            marker.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
            marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            plot.addRangeMarker(marker);
        }
        fonts(plot.getDomainAxis(), plot.getRangeAxis());
        return save(chart(title, subtitle, plot), file);
    }

    private static Path chip(List<AccuracyRow> rows, double baseline, String network, Path file) {
        XYSeriesCollection data = new XYSeriesCollection();
        List<Color> colours = new ArrayList<>();
        List<Boolean> dashed = new ArrayList<>();
        for (AccuracyRow r : rows) {
            if (!r.study().equals("fig6")) {
                continue;
            }
            String kind = r.training().equals("ideal") ? "ideally trained"
                    : r.trainedFor().contains(" n=") ? "seed-aware, trained for its chip" : "seed-aware, trained for the nominal chip";
            String key = kind + ", " + (r.evaluator().equals("nodal") ? "exact circuit" : "seed 004 model");
            int index = data.getSeriesIndex(key);
            if (index < 0) {
                data.addSeries(new XYSeries(key, true, false));
                index = data.getSeriesCount() - 1;
                Color c = kind.startsWith("ideally") ? IDEAL_EXACT : kind.contains("its chip") ? WIRE_EXACT : SEED_EXACT;
                colours.add(c);
                dashed.add(!r.evaluator().equals("nodal"));
            }
            data.getSeries(index).add(r.sigmaN(), r.accuracy());
        }
        // the network trained for the nominal chip is also the one trained for its chip at n = 0
        for (AccuracyRow r : rows) {
            if (r.study().equals("fig6") && !r.training().equals("ideal") && !r.trainedFor().contains(" n=") && r.sigmaN() == 0) {
                int index = data.getSeriesIndex("seed-aware, trained for its chip, "
                        + (r.evaluator().equals("nodal") ? "exact circuit" : "seed 004 model"));
                if (index >= 0) {
                    data.getSeries(index).add(0.0, r.accuracy());
                }
            }
        }
        NumberAxis n = new NumberAxis("chip-to-chip deviation n (every device scaled by 1 + n sigma)");
        NumberAxis accuracy = new NumberAxis("test accuracy (%)");
        accuracy.setRange(floor(rows.stream().filter(r -> r.study().equals("fig6")).mapToDouble(AccuracyRow::accuracy)), 100);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setLegendLine(new Line2D.Double(-20, 0, 20, 0));
        for (int s = 0; s < colours.size(); s++) {
            renderer.setSeriesPaint(s, colours.get(s));
            renderer.setSeriesStroke(s, dashed.get(s) ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {9f, 5f}, 0f) : new BasicStroke(2f));
            renderer.setSeriesShape(s, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        }
        XYPlot plot = new XYPlot(data, n, accuracy, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        if (!Double.isNaN(baseline)) {
            plot.addRangeMarker(new ValueMarker(baseline, Color.DARK_GRAY, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)));
        }
        fonts(plot.getDomainAxis(), plot.getRangeAxis());
        double sigma = rows.stream().filter(r -> r.study().equals("fig6")).mapToDouble(AccuracyRow::chipSigma).findFirst()
                .orElse(0);
        return save(chart("Accuracy against chip-to-chip variation, TiO2 at R_S 800 ohm, R_N 200 ohm",
                network + " on MNIST, sigma = " + JsonTree.plain(100 * sigma) + " %, one crossbar per layer, no wires"
                        + " (seed 004 Fig. 6); dashed: the seed model's prediction; grey: ideal training on ideal crossbars",
                plot), file);
    }

    private static void fonts(org.jfree.chart.axis.Axis... axes) {
        for (org.jfree.chart.axis.Axis a : axes) {
            a.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            a.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        }
    }

    private static JFreeChart chart(String title, String subtitle, org.jfree.chart.plot.Plot plot) {
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static Path save(JFreeChart chart, Path file) {
        return SweepCharts.save(chart, file);
    }
}
