/**
 * Where independent points of a study run: {@link org.xbar.study.runner.PointRunner}, with this
 * machine's threads ({@link org.xbar.study.runner.LocalRunner}) as the default and other engines
 * (the {@code xbar-spark} module's Apache Spark runner) found by name through
 * {@link org.xbar.study.runner.PointRunners}. A point is a {@link org.xbar.study.runner.PointTask}:
 * a serializable function of the point's index, so that a machine that never saw the study can
 * compute it, and its seeds make the result the same wherever it runs.
 */
package org.xbar.study.runner;
