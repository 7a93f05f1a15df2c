/**
 * The device layer: technologies (seed 004's Table I ranges), n-bit quantization, mapping of
 * signed weights to one or two arrays, and seeded device variation and stuck devices.
 */
package org.xbar.device;
