package org.xbar.solve;

/** The contract for the structured PCG solver, on one thread. */
class LineRelaxationSolverTest extends CrossbarSolverContract {
    @Override
    CrossbarSolver solver() {
        return new LineRelaxationSolver(LineRelaxationSolver.DEFAULT_TOLERANCE, LineRelaxationSolver.DEFAULT_MAX_ITERATIONS, 1);
    }
}
