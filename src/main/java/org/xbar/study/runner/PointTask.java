package org.xbar.study.runner;

import java.io.Serializable;

/**
 * How to compute one point of a study from its index, on whatever machine runs it. It is
 * serializable (an engine may ship it to other processes), and its result is too.
 *
 * @param <R> what a point gives
 */
@FunctionalInterface
public interface PointTask<R extends Serializable> extends Serializable {
    /**
     * @param index the point's index in its study
     * @return the point's result
     */
    R compute(int index);
}
