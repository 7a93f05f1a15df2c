package org.xbar.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.xbar.io.OutputFiles;
import org.xbar.spec.InverterSpec;
import org.xbar.study.InverterFit;

/** The fitted level-1 inverter pair's transfer curves against PHAX's tanh curves ({@code xbar fit-inverter}). */
public final class InverterFitChart {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 650;

    private InverterFitChart() {
    }

    /**
     * @param file the PNG to write
     * @param base the inverter whose curves were the targets
     * @param fit  the fit
     */
    public static void write(Path file, InverterSpec base, InverterFit.Result fit) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries firstTarget = new XYSeries("PHAX first stage (tanh fit of the original)", false, false);
        XYSeries firstFit = new XYSeries(String.format(java.util.Locale.ROOT, "level-1 pair, first stage (%.1f mV RMS)",
                fit.firstRms() * 1e3), false, false);
        XYSeries secondTarget = new XYSeries("PHAX cascade (tanh fit of the original)", false, false);
        XYSeries secondFit = new XYSeries(String.format(java.util.Locale.ROOT, "level-1 pair, cascade (%.1f mV RMS)",
                fit.secondRms() * 1e3), false, false);
        double[] in = fit.inputs();
        int fine = 401;
        for (int k = 0; k < fine; k++) {
            double v = in[0] + (in[in.length - 1] - in[0]) * k / (fine - 1);
            firstTarget.add(v, InverterSpec.curve(base.firstStage(), v));
            secondTarget.add(v, InverterSpec.curve(base.secondStage(), v));
        }
        for (int k = 0; k < in.length; k++) {
            firstFit.add(in[k], fit.first()[k]);
            secondFit.add(in[k], fit.second()[k]);
        }
        data.addSeries(firstTarget);
        data.addSeries(firstFit);
        data.addSeries(secondTarget);
        data.addSeries(secondFit);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        Color first = new Color(0x1f77b4);
        Color second = new Color(0xd62728);
        Color[] colours = {first, first, second, second};
        for (int s = 0; s < 4; s++) {
            renderer.setSeriesPaint(s, colours[s]);
            boolean target = s % 2 == 0;
            renderer.setSeriesShapesVisible(s, !target);
            renderer.setSeriesLinesVisible(s, target);
            renderer.setSeriesStroke(s, new BasicStroke(target ? 2f : 1f));
        }
        NumberAxis x = new NumberAxis("input (net) voltage (V)");
        NumberAxis y = new NumberAxis("output voltage (V)");
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart("PHAX inverter: level-1 pair fitted to the first-stage curve",
                new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        chart.addSubtitle(new TextTitle(fit.parameters().rounded(4) + "; lines: targets, points: the fitted pair solved by Newton",
                new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        chart.setBackgroundPaint(Color.WHITE);
        OutputFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
    }
}
