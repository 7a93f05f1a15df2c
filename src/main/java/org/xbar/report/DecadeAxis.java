package org.xbar.report;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A base-10 logarithmic axis labelled at chosen multiples of every power of ten: 1, 2 and 5 for an
 * axis of a few decades, 1 alone for many. JFreeChart's own tick selection labels such axes at
 * half decades (3.2e4) or not at all.
 */
final class DecadeAxis extends LogAxis {
    private static final long serialVersionUID = 1L;

    private final int[] multiples;
    private final boolean plainOneAndTen;

    /**
     * @param label          the axis label
     * @param multiples      the multiples of each power of ten that get a tick, e.g. {1, 2, 5}
     * @param plainOneAndTen label 10^0 and 10^1 as "1" and "10" instead of "1e0" and "1e1"
     */
    DecadeAxis(String label, int[] multiples, boolean plainOneAndTen) {
        super(label);
        this.multiples = multiples.clone();
        this.plainOneAndTen = plainOneAndTen;
        setBase(10);
    }

    @Override
    public List<Tick> refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        List<Tick> ticks = new ArrayList<>();
        double lo = getLowerBound();
        double hi = getUpperBound();
        TextAnchor anchor = RectangleEdge.isLeftOrRight(edge) ? TextAnchor.CENTER_RIGHT : TextAnchor.TOP_CENTER;
        for (int e = (int) Math.floor(Math.log10(lo)); e <= (int) Math.ceil(Math.log10(hi)); e++) {
            for (int m : multiples) {
                double v = m * Math.pow(10, e);
                if (v >= lo && v <= hi) {
                    String text = plainOneAndTen && m == 1 && (e == 0 || e == 1) ? (e == 0 ? "1" : "10") : m + "e" + e;
                    ticks.add(new NumberTick(TickType.MAJOR, v, text, anchor, TextAnchor.CENTER, 0.0));
                }
            }
        }
        return ticks;
    }
}
