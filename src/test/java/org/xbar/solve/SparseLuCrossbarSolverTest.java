package org.xbar.solve;

import org.xbar.solve.sparse.SparseLuSolver;
/** The sparse LU reference of {@code xbar bench}, through the direct crossbar solver: the whole contract. */
class SparseLuCrossbarSolverTest extends CrossbarSolverContract {
    @Override
    CrossbarSolver solver() {
        return new DirectCrossbarSolver(new SparseLuSolver());
    }
}
