/**
 * Crossbar solvers behind one interface ({@link org.xbar.solve.CrossbarSolver}): the fast
 * structured line-relaxation solver ({@link org.xbar.solve.LineRelaxationSolver}) and the
 * reference direct solver over the whole nodal system ({@link org.xbar.solve.DirectCrossbarSolver});
 * the {@link org.xbar.solve.NodalEngine}, an {@link org.xbar.model.OutputModel} that solves
 * batches of input vectors; the factories {@link org.xbar.solve.SolverKind} and
 * {@link org.xbar.solve.OutputMethod}; what one solve per input gives for every input vector, the
 * {@link org.xbar.solve.TransferMatrix} of the outputs and the {@link org.xbar.solve.PowerForm} of
 * the power drawn; and {@link org.xbar.solve.CircuitSolver} for any circuit.
 * Sparse algebra, Newton and the thread team have their own subpackages.
 */
package org.xbar.solve;
