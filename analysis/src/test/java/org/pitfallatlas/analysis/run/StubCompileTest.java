package org.pitfallatlas.analysis.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StubCompileTest {

  @Test
  void theJvmAcceptsTheFlagsSilently() throws IOException, InterruptedException {
    // A misspelt CompileCommand does not stop the JVM: it prints a parse error and runs on
    // without the option, so the only proof the flags work is that the JVM says nothing.
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(StubCompile.JVM_ARGS);
    cmd.add("-version");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    assertThat(out).doesNotContain("CompileCommand").doesNotContain("rror").contains("version");
  }

  @Test
  void onlyJmhsMeasurementLoopIsScaled() {
    assertThat(StubCompile.JVM_ARGS)
        .filteredOn(a -> a.contains("CompileThresholdScaling"))
        .singleElement()
        .satisfies(a -> assertThat(a).contains(",*::*jmhStub,"));
  }
}
