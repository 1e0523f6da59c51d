package org.pitfallatlas.json;

import org.pitfallatlas.suite.SuiteContract;

/**
 * Keeps json's suite file in step with its package (the contract; json predicts no B/op: what
 * Jackson allocates per document is measured, not derived from object layouts).
 */
class SuiteTest extends SuiteContract {

  SuiteTest() {
    super("json");
  }
}
