package org.xbar.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.xbar.error.InvalidParameterException;

/** NRMSD and worst errors on hand-computed numbers. */
class ErrorMetricsTest {

    /**
     * exact = (1, 2, 3, 4), approximate = (1, 2, 3, 5): RMSD = sqrt(1/4) = 0.5, range 3, mean 2.5,
     * so NRMSD = 1/6 (range) and 0.2 (mean); worst absolute 1, worst relative 1/4 at index 3.
     */
    @Test
    void handComputed() {
        ErrorMetrics e = ErrorMetrics.of(new double[] {1, 2, 3, 5}, new double[] {1, 2, 3, 4}, 2);
        assertEquals(1.0 / 6, e.nrmsdRange(), 1e-15);
        assertEquals(0.2, e.nrmsdMean(), 1e-15);
        assertEquals(1.0, e.worstAbsolute(), 0);
        assertEquals(0.25, e.worstRelative(), 1e-15);
        assertEquals(1, e.worstVector());
        assertEquals(1, e.worstOutput());
    }

    @Test
    void identicalOutputsHaveZeroError() {
        ErrorMetrics e = ErrorMetrics.of(new double[] {-1, 0, 2}, new double[] {-1, 0, 2}, 3);
        assertEquals(0.0, e.nrmsdRange());
        assertEquals(0.0, e.nrmsdMean());
        assertEquals(0.0, e.worstRelative());
    }

    /** Outputs below 1 % of the largest do not count for the relative error. */
    @Test
    void tinyOutputsDoNotDominateTheRelativeError() {
        ErrorMetrics e = ErrorMetrics.of(new double[] {1e-6, 1.1}, new double[] {1e-9, 1.0}, 2);
        assertEquals(0.1, e.worstRelative(), 1e-12);
    }

    @Test
    void shapesMustMatch() {
        assertThrows(InvalidParameterException.class, () -> ErrorMetrics.of(new double[] {1}, new double[] {1, 2}, 1));
    }
}
