package org.pitfallatlas.analysis.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFoldersTest {

  @Test
  void findsAMethodsFolderByItsPoint(@TempDir Path profiles) throws IOException {
    String p = "org.pitfallatlas.channels.";
    Path two =
        Files.createDirectory(
            profiles.resolve(p + "QueueCounter.pitfallQueueAsCounter-AverageTime-threads-2"));
    Files.createDirectory(
        profiles.resolve(p + "QueueCounter.pitfallQueueAsCounter-AverageTime-threads-4"));
    Path hot =
        Files.createDirectory(
            profiles.resolve(p + "HotQueue.pitfallSharedQueue-AverageTime-producers-4-size-8"));
    assertThat(
            ProfileFolders.find(
                profiles, "QueueCounter", "pitfallQueueAsCounter", Map.of("threads", "2")))
        .contains(two);
    assertThat(
            ProfileFolders.find(
                profiles, "HotQueue", "pitfallSharedQueue", Map.of("size", "8", "producers", "4")))
        .contains(hot);
    // Empty params: only a method profiled at a single point.
    assertThat(ProfileFolders.find(profiles, "HotQueue", "pitfallSharedQueue", Map.of()))
        .contains(hot);
    assertThat(ProfileFolders.find(profiles, "QueueCounter", "pitfallQueueAsCounter", Map.of()))
        .isEmpty();
    // Another method whose name starts the same is not it; a missing folder finds nothing.
    assertThat(
            ProfileFolders.find(profiles, "QueueCounter", "pitfallQueue", Map.of("threads", "2")))
        .isEmpty();
    assertThat(ProfileFolders.find(profiles.resolve("none"), "HotQueue", "x", Map.of())).isEmpty();
  }

  @Test
  void readsTheCpuStacksUnderTheEngineThatRecordedThem(@TempDir Path folder) throws IOException {
    assertThat(ProfileFolders.cpuStacks(folder)).isEmpty();
    Files.writeString(folder.resolve("flame-cpu-forward.html"), "<html/>");
    assertThat(ProfileFolders.cpuStacks(folder)).isEmpty();
    Path ctimer = Files.writeString(folder.resolve("stacks-ctimer.json.gz"), "");
    assertThat(ProfileFolders.cpuStacks(folder)).contains(ctimer);
    Path cpu = Files.writeString(folder.resolve("stacks-cpu.json.gz"), "");
    assertThat(ProfileFolders.cpuStacks(folder)).contains(cpu);
  }
}
