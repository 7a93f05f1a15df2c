package org.xbar.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbar.device.Quantizer;
import org.xbar.device.Technology;
import org.xbar.device.WeightMapper;
import org.xbar.error.InvalidParameterException;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.InputBatch;
import org.xbar.spec.WeightMapping;

/** A model prepared once gives, vector by vector, exactly what the batch evaluation gives, and is linear. */
class PreparedModelTest {
    private static final CrossbarSpec SPEC = new WeightMapper(new Quantizer(Technology.TIO2, 4))
            .random(24, 10, WeightMapping.ROW_PAIR, 3).toSpec().sourceOhms(800).neuronOhms(200).build();

    @Test
    void equalsTheBatchEvaluationVectorByVector() {
        InputBatch inputs = InputBatch.random(5, SPEC.inputs(), 1.0, 9);
        for (EffectiveConductanceModel model : new EffectiveConductanceModel[] {new AnalyticalModel(), new IdealModel()}) {
            PreparedModel prepared = model.prepare(SPEC);
            assertEquals(SPEC.inputs(), prepared.inputs());
            assertEquals(SPEC.outputs(), prepared.outputs());
            var batch = model.evaluate(SPEC, inputs);
            for (int k = 0; k < inputs.size(); k++) {
                assertArrayEquals(batch.vector(k), prepared.evaluate(inputs.vector(k)), 0.0, model.name() + " vector " + k);
            }
        }
    }

    @Test
    void isLinearInTheInputs() {
        PreparedModel prepared = new AnalyticalModel().prepare(SPEC);
        double[] a = InputBatch.random(1, SPEC.inputs(), 1.0, 1).vector(0);
        double[] b = InputBatch.random(1, SPEC.inputs(), 1.0, 2).vector(0);
        double[] sum = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = 2 * a[i] - 3 * b[i];
        }
        double[] ya = prepared.evaluate(a);
        double[] yb = prepared.evaluate(b);
        double[] ys = prepared.evaluate(sum);
        for (int j = 0; j < ys.length; j++) {
            assertEquals(2 * ya[j] - 3 * yb[j], ys[j], 1e-12 * (Math.abs(ya[j]) + Math.abs(yb[j])));
        }
    }

    @Test
    void refusesAVectorOfTheWrongLengthOrNotFinite() {
        PreparedModel prepared = new IdealModel().prepare(SPEC);
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> prepared.evaluate(new double[3]));
        assertEquals("inputs", e.parameter(), e.getMessage());
        assertEquals(Optional.empty(), e.value(), "a length mismatch, not one bad value: " + e.getMessage());
        double[] v = new double[SPEC.inputs()];
        v[4] = Double.NaN;
        e = assertThrows(InvalidParameterException.class, () -> prepared.evaluate(v));
        assertEquals("inputs[4]", e.parameter(), e.getMessage());
        assertEquals(Optional.of("NaN"), e.value(), e.getMessage());
    }

    /** The voltage-sensed model takes another path per vector; prepared, it must give the same outputs. */
    @Test
    void voltageSensedModelsPreparedEqualTheirBatchEvaluation() {
        CrossbarSpec sensed = new WeightMapper(new Quantizer(Technology.TIO2, 4)).random(20, 8, WeightMapping.ROW_PAIR, 5)
                .toSpec().sourceOhms(800).sensing(org.xbar.spec.Sensing.VOLTAGE).build();
        InputBatch inputs = InputBatch.random(4, sensed.inputs(), 1.0, 11);
        for (EffectiveConductanceModel model : new EffectiveConductanceModel[] {new AnalyticalModel(), new IdealModel()}) {
            PreparedModel prepared = model.prepare(sensed);
            var batch = model.evaluate(sensed, inputs);
            for (int k = 0; k < inputs.size(); k++) {
                double[] expected = batch.vector(k);
                double[] got = prepared.evaluate(inputs.vector(k));
                for (int j = 0; j < expected.length; j++) {
                    assertEquals(expected[j], got[j], 1e-12 * Math.abs(expected[j]) + 1e-15, model.name() + " output " + j);
                }
            }
        }
    }
}
