/**
 * Dense matrix products for networks and training behind one small interface ({@link DenseOps}),
 * implemented with EJML (DESIGN section 7), so that a faster kernel can replace it where a
 * benchmark shows it pays. Matrices are plain row-major {@code double[]} arrays.
 */
package org.xbar.dense;
