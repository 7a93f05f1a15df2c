/**
 * Solving: two-phase sparse assembly of the nodal system ({@link org.xbar.solve.sparse.NodalSystem}),
 * linear solvers behind one interface ({@link org.xbar.solve.sparse.LinearSolver}), the reference direct
 * crossbar solver and the fast structured one ({@link org.xbar.solve.LineRelaxationSolver}), and
 * the {@link org.xbar.solve.NodalEngine} facade that solves batches of input vectors.
 */
package org.xbar.solve;
