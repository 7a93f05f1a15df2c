package org.xbar.spice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What is read from ngspice's printed output, without running it. */
class NgspiceRunTest {
    private static Ngspice.Run printed(String... lines) {
        return new Ngspice.Run(List.of(), 0, List.of(lines));
    }

    @Test
    void readsNgspicesProgramSize() {
        assertEquals((long) (21.859 * (1 << 20)), printed("Total elapsed time (seconds) = 0.004",
                "Maximum ngspice program size =   21.859 MB.", "Current ngspice program size =   12.164 MB.").programSizeBytes());
        assertEquals((long) (1.5 * (1L << 30)), printed("Maximum ngspice program size = 1.5 GB").programSizeBytes());
        assertEquals(512L << 10, printed("Maximum ngspice program size = 512 kB").programSizeBytes());
        assertEquals(0, printed("no statistics").programSizeBytes());
        assertEquals(0, printed("Maximum ngspice program size = many MB").programSizeBytes());
    }
}
