/**
 * Sparse linear algebra: two-phase assembly (a pattern reserved once, values added on every
 * iteration) into compressed columns ({@link org.xbar.solve.sparse.SparsePattern},
 * {@link org.xbar.solve.sparse.SparseMatrix}), the nodal system of a linear circuit with its rigid
 * node groups ({@link org.xbar.solve.sparse.NodalSystem}), direct solvers behind
 * {@link org.xbar.solve.sparse.LinearSolver} (sparse Cholesky, LU), and the memory budget checked
 * before large allocations.
 */
package org.xbar.solve.sparse;
