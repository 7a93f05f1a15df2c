package org.xbar.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbar.error.InvalidParameterException;

/** Every bad value is refused by an exception naming the parameter, its value and the allowed range. */
class CrossbarSpecTest {
    private static final ConductanceMatrix G = ConductanceMatrix.of(new double[][] {{1e-5, 2e-5}, {3e-5, 0}});

    /** A range refusal: the parameter, the value as given, and the allowed range the user is told. */
    private static void refused(Runnable build, String parameter, String value, String allowed) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, build::run);
        assertEquals(parameter, e.parameter(), e.getMessage());
        assertEquals(Optional.of(value), e.value(), e.getMessage());
        assertEquals(Optional.of(allowed), e.allowed(), e.getMessage());
    }

    /** An inconsistency between parameters that no single range describes: the parameter blamed. */
    private static void inconsistent(Runnable build, String parameter) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, build::run);
        assertEquals(parameter, e.parameter(), e.getMessage());
        assertEquals(Optional.empty(), e.value(), e.getMessage());
    }

    @Test
    void badValuesAreRefusedByName() {
        String ohms = "must be finite and >= 0 ohm";
        refused(() -> CrossbarSpec.single(G).sourceOhms(-1).build(), "sourceOhms[0]", "-1.0", ohms);
        refused(() -> CrossbarSpec.single(G).sourceOhms(new double[] {1, Double.NaN}).build(), "sourceOhms[1]", "NaN", ohms);
        refused(() -> CrossbarSpec.single(G).neuronOhms(Double.POSITIVE_INFINITY).build(), "neuronOhms[0]", "Infinity", ohms);
        refused(() -> CrossbarSpec.single(G).wireOhms(-0.5, 1).build(), "rowWireOhms", "-0.5", ohms);
        refused(() -> CrossbarSpec.single(G).wireOhms(1, -2).build(), "columnWireOhms", "-2.0", ohms);
        inconsistent(() -> CrossbarSpec.single(G).sourceOhms(new double[] {1, 2, 3}).build(), "sourceOhms");
        refused(() -> ConductanceMatrix.of(new double[][] {{1e-5, -1e-6}}), "conductance[0][1]", "-1.0E-6",
                "must be finite and >= 0 S");
        inconsistent(() -> ConductanceMatrix.of(new double[][] {{1e-5, 1e-5}, {1e-5}}), "conductance");
        inconsistent(() -> CrossbarSpec.pair(G, null, WeightMapping.ROW_PAIR).build(), "negative");
        inconsistent(() -> CrossbarSpec.pair(G, ConductanceMatrix.of(new double[][] {{1e-5}}), WeightMapping.COLUMN_PAIR)
                .build(), "negative");
        refused(() -> InputBatch.of(new double[][] {{0.1, Double.NaN}}), "inputs[0][1]", "NaN", "must be a finite number of volt");
        refused(() -> CrossbarSpec.single(G).neuronOhms(200).sensing(Sensing.VOLTAGE).build(), "neuronOhms[0]", "200.0",
                "must be 0 with voltage sensing: the columns float and have no neuron resistance");
    }

    @Test
    void inputsMustFitTheCrossbar() {
        CrossbarSpec spec = CrossbarSpec.single(G).build();
        inconsistent(() -> InputBatch.single(new double[] {1, 2, 3}).requireFits(spec), "inputs");
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
