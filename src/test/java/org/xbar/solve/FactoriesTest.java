package org.xbar.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.xbar.TestCrossbars;
import org.xbar.error.InvalidParameterException;
import org.xbar.model.AnalyticalModel;
import org.xbar.model.IdealModel;
import org.xbar.model.OutputModel;
import org.xbar.results.OutputBatch;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.WeightMapping;

/** The library's factories of solvers and output models, which the command line's flags name. */
class FactoriesTest {
    @Test
    void namesGiveTheirSolversAndModels() {
        assertInstanceOf(LineRelaxationSolver.class, SolverKind.byName("iterative").create());
        assertInstanceOf(DirectCrossbarSolver.class, SolverKind.byName("DIRECT").create());
        assertInstanceOf(NodalEngine.class, OutputMethod.byName("nodal").create(SolverKind.DIRECT));
        assertInstanceOf(AnalyticalModel.class, OutputMethod.byName("Model").create(SolverKind.ITERATIVE));
        assertInstanceOf(IdealModel.class, OutputMethod.byName("ideal").create(SolverKind.ITERATIVE));
        for (OutputMethod m : OutputMethod.values()) {
            assertEquals(m, OutputMethod.byName(m.key()));
            assertEquals(m.key(), m.create(SolverKind.ITERATIVE).name());
        }
    }

    @Test
    void unknownNamesBlameTheirParameter() {
        assertEquals("solver", assertThrows(InvalidParameterException.class, () -> SolverKind.byName("spice")).parameter());
        assertEquals("method", assertThrows(InvalidParameterException.class, () -> OutputMethod.byName("")).parameter());
    }

    /** The nodal engine is an output model: both solvers behind it give the same currents. */
    @Test
    void theNodalEngineIsAnOutputModelWhateverItsSolver() {
        CrossbarSpec spec = TestCrossbars.random(9, 7, WeightMapping.ROW_PAIR, 2, Drive.ONE_END, 3);
        InputBatch inputs = InputBatch.random(3, spec.inputs(), 0.2, 4);
        OutputModel iterative = OutputMethod.NODAL.create(SolverKind.ITERATIVE);
        OutputModel direct = OutputMethod.NODAL.create(SolverKind.DIRECT);
        OutputBatch a = iterative.evaluate(spec, inputs);
        OutputBatch b = direct.evaluate(spec, inputs);
        for (int k = 0; k < inputs.size(); k++) {
            for (int j = 0; j < spec.outputs(); j++) {
                assertEquals(b.vector(k)[j], a.vector(k)[j], 1e-9 * Math.abs(b.vector(k)[j]) + 1e-18);
            }
        }
    }
}
