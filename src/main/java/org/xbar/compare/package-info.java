/**
 * Comparison of models against the exact nodal engine: NRMSD (range- and mean-normalized) and
 * worst absolute and relative errors.
 */
package org.xbar.compare;
