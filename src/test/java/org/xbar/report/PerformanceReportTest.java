package org.xbar.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbar.study.PerformanceStudy.Bandwidth;
import org.xbar.study.PerformanceStudy.ThreadRun;
import org.xbar.study.PerformanceStudy.ThreadScaling;

/** The threads and memory-wall section of the performance report, from given measurements. */
class PerformanceReportTest {
    @Test
    void sharesOfTheCopyBandwidthAreTheStreamingRateOverTheCopyRate() {
        // 1 GB of arrays, 10 iterations: 10 GB streamed; in 1 s with 1 thread and 0.5 s with 2
        ThreadScaling s = new ThreadScaling(1024, List.of(new ThreadRun(1, 1000, 10), new ThreadRun(2, 500, 10)), 1_000_000_000L);
        String md = PerformanceReport.threads(List.of(s), List.of(new Bandwidth(1, 20e9), new Bandwidth(2, 40e9)));
        assertTrue(md.contains("| 1024x1024 | 1 | 1000 | 10 | 1.00 | 10.0 | 50 % |"), md);
        assertTrue(md.contains("| 1024x1024 | 2 | 500 | 10 | 2.00 | 20.0 | 50 % |"), md);
        assertTrue(md.contains("| 2 | 40.0 |"), md);
        assertEquals("", PerformanceReport.threads(List.of(), List.of()));
    }
}
