package org.xbar.solve;

/** The contract for the sparse direct reference solver. */
class DirectCrossbarSolverTest extends CrossbarSolverContract {
    @Override
    CrossbarSolver solver() {
        return new DirectCrossbarSolver();
    }
}
