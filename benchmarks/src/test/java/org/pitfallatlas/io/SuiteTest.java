package org.pitfallatlas.io;

import org.pitfallatlas.suite.SuiteContract;

/** Keeps io's suite file in step with its package (the contract; io predicts no B/op). */
class SuiteTest extends SuiteContract {

  SuiteTest() {
    super("io");
  }
}
