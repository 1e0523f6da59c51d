package org.pitfallatlas.myths;

import org.pitfallatlas.suite.SuiteContract;

/** Keeps myths' suite file in step with its package (the contract; myths predicts no B/op). */
class SuiteTest extends SuiteContract {

  SuiteTest() {
    super("myths");
  }
}
