/**
 * The exceptions xbar raises on purpose: one unchecked root, {@link org.xbar.error.XbarException},
 * and subclasses that carry the culprit (parameter, file and line, node, iteration count).
 */
package org.xbar.error;
