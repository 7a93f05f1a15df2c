/**
 * The thread team the structured solver splits its line sweeps over
 * ({@link org.xbar.solve.parallel.Team}): workers that spin briefly, then park, reused across solves.
 */
package org.xbar.solve.parallel;
