package org.xbar.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xbar.error.InvalidParameterException;

/** Every bad value is refused with a message naming the parameter, its value and the allowed range. */
class CrossbarSpecTest {
    private static final ConductanceMatrix G = ConductanceMatrix.of(new double[][] {{1e-5, 2e-5}, {3e-5, 0}});

    private static void refused(Runnable build, String... expectedWords) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, build::run);
        for (String word : expectedWords) {
            assertTrue(e.getMessage().contains(word), "message \"" + e.getMessage() + "\" should contain " + word);
        }
    }

    @Test
    void badValuesAreRefusedByName() {
        refused(() -> CrossbarSpec.single(G).sourceOhms(-1).build(), "sourceOhms[0]", "-1.0", ">= 0 ohm");
        refused(() -> CrossbarSpec.single(G).sourceOhms(new double[] {1, Double.NaN}).build(), "sourceOhms[1]", "NaN");
        refused(() -> CrossbarSpec.single(G).neuronOhms(Double.POSITIVE_INFINITY).build(), "neuronOhms[0]", "Infinity");
        refused(() -> CrossbarSpec.single(G).wireOhms(-0.5, 1).build(), "rowWireOhms", "-0.5");
        refused(() -> CrossbarSpec.single(G).wireOhms(1, -2).build(), "columnWireOhms", "-2.0");
        refused(() -> CrossbarSpec.single(G).sourceOhms(new double[] {1, 2, 3}).build(), "sourceOhms", "3 values", "2 input rows");
        refused(() -> ConductanceMatrix.of(new double[][] {{1e-5, -1e-6}}), "conductance[0][1]", "-1.0E-6", ">= 0 S");
        refused(() -> ConductanceMatrix.of(new double[][] {{1e-5, 1e-5}, {1e-5}}), "row 1 has 1 columns");
        refused(() -> CrossbarSpec.pair(G, null, WeightMapping.ROW_PAIR).build(), "ROW_PAIR needs a negative array");
        refused(() -> CrossbarSpec.pair(G, ConductanceMatrix.of(new double[][] {{1e-5}}), WeightMapping.COLUMN_PAIR).build(),
                "negative array is 1x1");
        refused(() -> InputBatch.of(new double[][] {{0.1, Double.NaN}}), "inputs[0][1]", "NaN");
        refused(() -> CrossbarSpec.single(G).neuronOhms(200).sensing(Sensing.VOLTAGE).build(), "neuronOhms[0]",
                "must be 0 with voltage sensing");
    }

    @Test
    void inputsMustFitTheCrossbar() {
        CrossbarSpec spec = CrossbarSpec.single(G).build();
        refused(() -> InputBatch.single(new double[] {1, 2, 3}).requireFits(spec), "3 values", "2 input rows");
    }

    @Test
    void specIsImmutable() {
        double[] rs = {100, 200};
        CrossbarSpec spec = CrossbarSpec.single(G).sourceOhms(rs).build();
        rs[0] = -1;
        spec.sourceOhms()[1] = 999;
        assertEquals(100, spec.sourceOhms(0));
        assertEquals(200, spec.sourceOhms(1));
        double[][] g = {{1e-5}};
        ConductanceMatrix m = ConductanceMatrix.of(g);
        g[0][0] = 5;
        assertEquals(1e-5, m.get(0, 0));
    }
}
