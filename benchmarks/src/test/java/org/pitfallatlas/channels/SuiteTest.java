package org.pitfallatlas.channels;

import org.pitfallatlas.suite.SuiteContract;

/**
 * Keeps channels' suite file in step with its package (the contract; channels predicts no B/op).
 */
class SuiteTest extends SuiteContract {

  SuiteTest() {
    super("channels");
  }
}
