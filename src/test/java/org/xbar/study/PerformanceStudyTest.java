package org.xbar.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbar.cli.JvmMeter;
import org.xbar.error.InvalidParameterException;
import org.xbar.solve.LineRelaxationSolver;

/** What {@code xbar bench} measures, without asserting any time: agreement, bookkeeping, refusals. */
class PerformanceStudyTest {
    /** No warm-up: nothing here is a timing. */
    private static final JvmMeter METER = new JvmMeter(0);

    private static PerformanceStudy.Settings settings(int... sizes) {
        return new PerformanceStudy.Settings(sizes, 16, 16, 0, 1, 1, 3, 16, 16, 1);
    }

    @Test
    void everySolverAgreesWithTheIterativeSolverOnTheBenchmarkCrossbars() {
        List<PerformanceStudy.Measurement> results = new PerformanceStudy(settings(12, 6), null, METER).run(m -> { });
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

    /**
     * From 256x256 the bench measures both preconditioners on the same crossbar, the default's
     * (the column lines alone below 2048x2048) and the other: the coarse level takes fewer
     * iterations (measured 4 against 8); below 256x256, nothing.
     */
    @Test
    void bothPreconditionersAreMeasuredSideBySide() {
        List<PerformanceStudy.Measurement> results = new PerformanceStudy(settings(128, 256), null, METER).run(m -> { });
        assertNull(results.get(0).preconditioners(), "128x128 is below the coarse level's smallest size");
        PerformanceStudy.Preconditioners p = results.get(1).preconditioners();
        assertTrue(p != null && p.columnLinesMs() > 0 && p.twoLevelsMs() > 0);
        assertFalse(p.twoLevelsDefault(), "the default takes the coarse level from 2048x2048");
        assertEquals(results.get(1).iterations(), p.columnLinesIterations(), "the default's own run");
        assertTrue(p.twoLevelsIterations() < p.columnLinesIterations(),
                p.twoLevelsIterations() + " iterations with two levels against " + p.columnLinesIterations());
    }

    @Test
    void aCrossbarTooLargeForTheHeapIsRefusedBeforeAnythingIsAllocated() {
        long maxHeap = Runtime.getRuntime().maxMemory();
        // the smallest size whose estimate exceeds the whole heap
        int n = 64;
        while (LineRelaxationSolver.jobBytes(n, n) <= maxHeap) {
            n *= 2;
        }
        assumeTrue(n <= PerformanceStudy.MAX_SIZE,
                "a heap of 8 GB or more holds every size the study accepts (surefire runs with 2 GB)");
        PerformanceStudy.Measurement m = new PerformanceStudy(settings(n), null, METER).run(x -> { }).get(0);
        assertTrue(m.refused() != null && m.refused().contains(n + "x" + n), String.valueOf(m.refused()));
        assertFalse(m.iterative().ran());
        assertEquals(LineRelaxationSolver.jobBytes(n, n), m.estimateBytes());
    }

    @Test
    void settingsNameTheValueOutOfRange() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> new PerformanceStudy.Settings(new int[] {1}, 0, 0, 0, 1, 1, 1, 0, 0, 1));
        assertEquals("sizes", e.parameter());
        e = assertThrows(InvalidParameterException.class,
                () -> new PerformanceStudy.Settings(new int[] {8}, 0, 0, 0, 0, 1, 1, 0, 0, 1));
        assertEquals("ngspiceRuns", e.parameter());
    }

    @Test
    void threadCountsDoubleUpToTheSettingsThreads() {
        assertArrayEquals(new int[] {1}, new PerformanceStudy(settingsWithThreads(1), null, METER).threadCounts());
        assertArrayEquals(new int[] {1, 2, 3}, new PerformanceStudy(settingsWithThreads(3), null, METER).threadCounts());
        assertArrayEquals(new int[] {1, 2, 4}, new PerformanceStudy(settingsWithThreads(4), null, METER).threadCounts());
    }

    /** The solver's answer does not depend on its threads, so neither do its iterations; speed-up is against 1 thread. */
    @Test
    void threadScalingRunsEveryThreadCountOnTheSameCrossbar() {
        PerformanceStudy study = new PerformanceStudy(settingsWithThreads(3), null, METER);
        PerformanceStudy.ThreadScaling s = study.threadScaling(40).orElseThrow();
        assertEquals(40, s.size());
        assertEquals(3, s.runs().size());
        assertEquals(LineRelaxationSolver.worstCaseBytes(40, 40), s.arrayBytes());
        for (PerformanceStudy.ThreadRun r : s.runs()) {
            assertEquals(s.runs().get(0).iterations(), r.iterations(), "iterations do not depend on threads");
            assertTrue(r.solveMs() > 0 && s.streamedBytesPerSecond(r) > 0);
        }
        assertEquals(1.0, s.speedup(s.runs().get(0)));
        assertEquals(s.runs().get(0).solveMs() / s.runs().get(2).solveMs(), s.speedup(s.runs().get(2)), 1e-12);
        List<PerformanceStudy.Bandwidth> copy = study.copyBandwidth();
        assertEquals(List.of(1, 2, 3), copy.stream().map(PerformanceStudy.Bandwidth::threads).toList());
        assertTrue(copy.stream().allMatch(b -> b.bytesPerSecond() > 0));
    }

    private static PerformanceStudy.Settings settingsWithThreads(int threads) {
        return new PerformanceStudy.Settings(new int[] {8}, 0, 0, 0, 1, 1, 1, 0, 0, threads);
    }
}
