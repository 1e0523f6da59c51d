package org.pitfallatlas.fanin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LongChannelTest {

  @Test
  void valuesComeOutInTheOrderTheyWentIn() throws InterruptedException {
    LongChannel channel = new LongChannel(3);
    for (int round = 0; round < 4; round++) { // wraps around the ring several times
      channel.put(10L * round + 1);
      channel.put(10L * round + 2);
      assertThat(channel.take()).isEqualTo(10L * round + 1);
      assertThat(channel.take()).isEqualTo(10L * round + 2);
    }
  }

  @Test
  void takeWaitsForAPut() throws Exception {
    LongChannel channel = new LongChannel(1);
    CompletableFuture<Long> taken =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return channel.take();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });

    Thread.sleep(50);
    assertThat(taken).isNotDone();
    channel.put(Long.MIN_VALUE);
    assertThat(taken.get(10, TimeUnit.SECONDS)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void putWaitsWhileTheChannelIsFull() throws Exception {
    LongChannel channel = new LongChannel(1);
    channel.put(1);
    CompletableFuture<Void> second =
        CompletableFuture.runAsync(
            () -> {
              try {
                channel.put(2);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });

    Thread.sleep(50);
    assertThat(second).isNotDone();
    assertThat(channel.take()).isEqualTo(1);
    second.get(10, TimeUnit.SECONDS);
    assertThat(channel.take()).isEqualTo(2);
  }

  @Test
  void aChannelWithoutCapacityIsRejected() {
    assertThatThrownBy(() -> new LongChannel(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1: 0");
  }
}
