/**
 * Immutable, validated input records: the crossbar ({@link org.xbar.spec.CrossbarSpec}), its
 * conductances and parasitics, and batches of input vectors. Every value is checked here, before
 * any arithmetic, so the rest of the library can trust its inputs.
 */
package org.xbar.spec;
