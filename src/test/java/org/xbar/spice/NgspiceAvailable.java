package org.xbar.spice;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * Gives tests tagged {@code ngspice} the runner. Without ngspice they are skipped with a message,
 * unless {@code XBAR_REQUIRE_NGSPICE=1} (set by {@code scripts/test}, so CI never skips them).
 */
public final class NgspiceAvailable {
    private NgspiceAvailable() {
    }

    /** @return the ngspice runner, or the test is skipped (or fails where ngspice is required) */
    public static Ngspice orSkip() {
        if (Ngspice.locate().isEmpty()) {
            String message = "ngspice is not installed (sudo apt-get install ngspice): live SPICE tests skipped";
            if ("1".equals(System.getenv("XBAR_REQUIRE_NGSPICE"))) {
                fail(message.replace("skipped", "required by XBAR_REQUIRE_NGSPICE=1"));
            }
            Assumptions.abort(message);
        }
        return Ngspice.find(Duration.ofMinutes(5));
    }
}
