package org.xbar.spec;

import java.util.Locale;
import java.util.OptionalInt;
import org.xbar.error.DynamicRangeException;

/**
 * The check of {@link CrossbarSpec#MAX_CONDUCTANCE_RATIO}: finds the circuit's largest and smallest
 * non-zero conductance among the devices, {@code 1/R_S}, {@code 1/R_N} and {@code 1/wire segment},
 * and refuses the crossbar when their ratio is too large, naming the extreme that lies further
 * (in decades) from the circuit's typical conductance, the geometric mean of all of them. The
 * arrays' extremes and exponent sums were found when they were made, so this costs
 * {@code O(rows + cols)}.
 */
final class DynamicRange {
    private DynamicRange() {
    }

    /** One candidate extreme: its conductance and how to name it. */
    private record Element(double siemens, String parameter, String value, OptionalInt row, OptionalInt column) {
        static Element device(ConductanceMatrix m, String name, int index) {
            double g = m.at(index);
            int row = index / m.cols();
            int column = index % m.cols();
            return new Element(g, name + "[" + row + "][" + column + "]", g + " S", OptionalInt.of(row), OptionalInt.of(column));
        }

        static Element resistance(String parameter, double ohms) {
            return new Element(1.0 / ohms, parameter, ohms + " ohm (" + String.format(Locale.ROOT, "%.3g", 1.0 / ohms) + " S)",
                    OptionalInt.empty(), OptionalInt.empty());
        }

        String describe() {
            return parameter + " = " + value;
        }
    }

    /** Running extremes and the sum of binary exponents over every conductance seen. */
    private static final class Extremes {
        Element largest;
        Element smallest;
        long exponents;
        long count;

        void resistance(String parameter, double ohms) {
            if (ohms > 0) {
                offer(Element.resistance(parameter, ohms));
                exponents += Math.getExponent(1.0 / ohms);
                count++;
            }
        }

        void array(ConductanceMatrix m, String name) {
            if (m == null || m.devices() == 0) {
                return;
            }
            offer(Element.device(m, name, m.largestIndex()));
            offer(Element.device(m, name, m.smallestIndex()));
            exponents += m.exponentSum();
            count += m.devices();
        }

        private void offer(Element e) {
            if (largest == null || e.siemens() > largest.siemens()) {
                largest = e;
            }
            if (smallest == null || e.siemens() < smallest.siemens()) {
                smallest = e;
            }
        }
    }

    /**
     * @throws DynamicRangeException when the ratio exceeds {@link CrossbarSpec#MAX_CONDUCTANCE_RATIO}
     */
    static void require(ConductanceMatrix positive, ConductanceMatrix negative, WeightMapping mapping, double[] sourceOhms,
            double[] neuronOhms, double rowWireOhms, double columnWireOhms) {
        Extremes e = new Extremes();
        boolean named = !ConductanceMatrix.DEFAULT_NAME.equals(positive.name());
        e.array(positive, named || mapping == WeightMapping.SINGLE ? positive.name() : "positive");
        if (negative != null) {
            e.array(negative, !ConductanceMatrix.DEFAULT_NAME.equals(negative.name()) ? negative.name() : "negative");
        }
        for (int i = 0; i < sourceOhms.length; i++) {
            e.resistance("sourceOhms[" + i + "]", sourceOhms[i]);
        }
        for (int j = 0; j < neuronOhms.length; j++) {
            e.resistance("neuronOhms[" + j + "]", neuronOhms[j]);
        }
        e.resistance("rowWireOhms", rowWireOhms);
        e.resistance("columnWireOhms", columnWireOhms);
        if (e.count == 0) {
            return;
        }
        double ratio = e.largest.siemens() / e.smallest.siemens();
        double bound = CrossbarSpec.MAX_CONDUCTANCE_RATIO;
        if (ratio <= bound) {
            return;
        }
        double typical = (double) e.exponents / e.count;
        boolean blameLargest = Math.getExponent(e.largest.siemens()) - typical >= typical - Math.getExponent(e.smallest.siemens());
        Element culprit = blameLargest ? e.largest : e.smallest;
        Element other = blameLargest ? e.smallest : e.largest;
        String times = Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.3g", ratio)
                : String.format(Locale.ROOT, "10^%.1f", Math.log10(e.largest.siemens()) - Math.log10(e.smallest.siemens()));
        String allowed = String.format(Locale.ROOT, "the circuit's largest conductance is %s times its smallest (%s is the %s);"
                + " xbar accepts at most 1e%d between the largest and the smallest non-zero conductance (devices, 1/R_S,"
                + " 1/R_N, 1/wire segment): beyond that, double precision cannot solve the circuit",
                times, other.describe(), blameLargest ? "smallest" : "largest", Math.round(Math.log10(bound)));
        throw new DynamicRangeException(culprit.parameter(), culprit.value(), culprit.row(), culprit.column(), ratio, bound,
                allowed);
    }
}
