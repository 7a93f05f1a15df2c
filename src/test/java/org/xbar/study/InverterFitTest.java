package org.xbar.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xbar.error.InvalidParameterException;
import org.xbar.spec.InverterSpec;

/** The inverter fit reproduces the committed level-1 parameters, and is a least-squares optimum. */
class InverterFitTest {
    private static final InverterSpec PHAX = InverterSpec.phax(InverterSpec.Kind.MOSFET);

    @Test
    void theCommittedDefaultsAreTheFitToThePrintedDigits() {
        InverterFit.Result fit = InverterFit.fit(PHAX, InverterFit.START, InverterFit.DEFAULT_POINTS);
        assertEquals(InverterFit.Parameters.of(PHAX), fit.parameters().rounded(InverterFit.PRINTED_DIGITS), fit.parameters().toString());
        InverterFit.Result committed = InverterFit.evaluate(PHAX, InverterFit.Parameters.of(PHAX), InverterFit.DEFAULT_POINTS);
        assertTrue(committed.firstRms() < 5e-3, "first stage " + committed.firstRms());
        assertTrue(fit.firstRms() <= committed.firstRms(), "the fit is at least as close as its rounding");
        // the fixed parameters stay where they started
        assertEquals(InverterFit.START.nmosKp(), fit.parameters().nmosKp());
        assertEquals(InverterFit.START.lambda(), fit.parameters().lambda());
    }

    /** At an optimum of the sum of squares, moving any free parameter either way makes the fit worse. */
    @Test
    void theFitIsALocalOptimumReachedFromElsewhereToo() {
        InverterFit.Result fit = InverterFit.fit(PHAX, InverterFit.START, 21);
        InverterFit.Parameters p = fit.parameters();
        double best = fit.firstRms();
        InverterFit.Parameters[] moved = {
            new InverterFit.Parameters(p.nmosVto() + 2e-3, p.nmosKp(), p.pmosVto(), p.pmosKp(), p.lambda()),
            new InverterFit.Parameters(p.nmosVto() - 2e-3, p.nmosKp(), p.pmosVto(), p.pmosKp(), p.lambda()),
            new InverterFit.Parameters(p.nmosVto(), p.nmosKp(), p.pmosVto() + 2e-3, p.pmosKp(), p.lambda()),
            new InverterFit.Parameters(p.nmosVto(), p.nmosKp(), p.pmosVto() - 2e-3, p.pmosKp(), p.lambda()),
            new InverterFit.Parameters(p.nmosVto(), p.nmosKp(), p.pmosVto(), p.pmosKp() * 1.02, p.lambda()),
            new InverterFit.Parameters(p.nmosVto(), p.nmosKp(), p.pmosVto(), p.pmosKp() / 1.02, p.lambda()),
        };
        for (InverterFit.Parameters m : moved) {
            assertTrue(InverterFit.evaluate(PHAX, m, 21).firstRms() > best, m.toString());
        }
        InverterFit.Parameters far = new InverterFit.Parameters(0.2, 300e-6, -0.05, 100e-6, 10);
        InverterFit.Parameters again = InverterFit.fit(PHAX, far, 21).parameters();
        assertEquals(p.nmosVto(), again.nmosVto(), 1e-5);
        assertEquals(p.pmosVto(), again.pmosVto(), 1e-5);
        assertEquals(p.pmosKp(), again.pmosKp(), 1e-4 * p.pmosKp());
    }

    @Test
    void roundingAndRefusals() {
        InverterFit.Parameters p = new InverterFit.Parameters(0.13160, 300e-6, -0.18982, 230.63e-6, 10);
        assertEquals(new InverterFit.Parameters(0.13, 300e-6, -0.19, 230e-6, 10), p.rounded(2));
        assertEquals(new InverterFit.Parameters(0.132, 300e-6, -0.19, 231e-6, 10), p.rounded(3));
        assertEquals("digits", assertThrows(InvalidParameterException.class, () -> p.rounded(0)).parameter());
        assertEquals("points", assertThrows(InvalidParameterException.class,
                () -> InverterFit.fit(PHAX, InverterFit.START, 5)).parameter());
    }
}
