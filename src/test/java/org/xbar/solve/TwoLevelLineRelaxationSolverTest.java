package org.xbar.solve;

/**
 * The whole solver contract (hand-solved circuits, Kirchhoff's current law at every node,
 * superposition, transfer matrices) with the two-level preconditioner on every crossbar that can
 * take it, however small: the coarse level may change how fast a solve converges, never its answer.
 */
class TwoLevelLineRelaxationSolverTest extends CrossbarSolverContract {
    @Override
    CrossbarSolver solver() {
        return new LineRelaxationSolver(LineRelaxationSolver.DEFAULT_TOLERANCE, LineRelaxationSolver.DEFAULT_MAX_ITERATIONS, 1)
                .withTwoLevelFrom(0);
    }
}
