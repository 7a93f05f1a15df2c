/**
 * Comparison of outputs against the exact solution: NRMSD (range- and mean-normalized), worst
 * absolute and relative errors ({@link org.xbar.compare.ErrorMetrics}), and the node-by-node check
 * of named values against ngspice's within stated tolerances ({@link org.xbar.compare.SpiceCrossCheck}).
 * Metrics only: the studies that run comparisons live in {@code study}.
 */
package org.xbar.compare;
