package org.xbar.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbar.error.InvalidParameterException;

/** What {@code xbar bench} measures, without timing anything: agreement, bookkeeping, refusals, fits. */
class PerformanceStudyTest {
    private static PerformanceStudy.Settings settings(int... sizes) {
        return new PerformanceStudy.Settings(sizes, 16, 16, 0, 1, 1, 3, 16, 16, 1, 0);
    }

    @Test
    void everySolverAgreesWithTheIterativeSolverOnTheBenchmarkCrossbars() {
        List<PerformanceStudy.Measurement> results = new PerformanceStudy(settings(12, 6), null).run(m -> { });
        assertEquals(2, results.size());
        assertEquals(6, results.get(0).size(), "sizes are measured in ascending order");
        for (PerformanceStudy.Measurement m : results) {
            assertNull(m.refused());
            assertEquals(2L * m.size() * m.size(), m.unknowns());
            assertTrue(m.iterations() >= 1);
            for (PerformanceStudy.SolverRun direct : List.of(m.direct(), m.lu())) {
                assertTrue(direct.ran());
                assertTrue(direct.agrees(), direct.note());
                assertTrue(direct.maxDifference() <= 1e-9, direct.note());
                assertTrue(direct.setupMs() > 0 && direct.solveMs() > 0);
            }
            assertFalse(m.ngspice().ran());
            assertTrue(m.iterative().peakBytes() > 0 && m.iterative().allocatedBytes() > 0);
            assertTrue(m.batchMsPerVector() > 0 && m.modelPerVectorUs() > 0 && m.modelPreparedUs() > 0 && m.denseMatVecUs() > 0);
        }
    }

    @Test
    void aCrossbarTooLargeForTheHeapIsRefusedBeforeAnythingIsAllocated() {
        long maxHeap = Runtime.getRuntime().maxMemory();
        // the smallest size whose estimate exceeds the whole heap
        int n = 64;
        while (org.xbar.solve.sparse.MemoryBudget.crossbarJobBytes(n, n) <= maxHeap) {
            n *= 2;
        }
        if (n > PerformanceStudy.MAX_SIZE) {
            return; // a heap of 8 GB or more holds every size the study accepts; surefire runs with 2 GB
        }
        PerformanceStudy.Measurement m = new PerformanceStudy(settings(n), null).run(x -> { }).get(0);
        assertTrue(m.refused() != null && m.refused().contains(n + "x" + n) && m.refused().contains("needs about"),
                String.valueOf(m.refused()));
        assertFalse(m.iterative().ran());
        assertEquals(org.xbar.solve.sparse.MemoryBudget.crossbarJobBytes(n, n), m.estimateBytes());
    }

    @Test
    void fittedExponentOfAPowerLawIsItsExponent() {
        double[] x = {1e3, 1e4, 1e5, 1e6};
        double[] y = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            y[k] = 3 * Math.pow(x[k], 1.5);
        }
        assertEquals(1.5, PerformanceStudy.fitExponent(x, y), 1e-12);
        assertTrue(Double.isNaN(PerformanceStudy.fitExponent(new double[] {5}, new double[] {2})));
        // points that are not positive are left out
        assertEquals(1.5, PerformanceStudy.fitExponent(new double[] {1e3, 1e4, 0, 1e6},
                new double[] {y[0], y[1], 7, y[3]}), 1e-12);
    }

    @Test
    void readsNgspicesProgramSize() {
        assertEquals((long) (21.859 * (1 << 20)), PerformanceStudy.programSizeBytes(List.of("Total elapsed time (seconds) = 0.004",
                "Maximum ngspice program size =   21.859 MB.", "Current ngspice program size =   12.164 MB.")));
        assertEquals(0, PerformanceStudy.programSizeBytes(List.of("no statistics")));
    }

    @Test
    void settingsNameTheValueOutOfRange() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> new PerformanceStudy.Settings(new int[] {1}, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0));
        assertEquals("sizes", e.parameter());
        e = assertThrows(InvalidParameterException.class,
                () -> new PerformanceStudy.Settings(new int[] {8}, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0));
        assertEquals("ngspiceRuns", e.parameter());
    }
}
