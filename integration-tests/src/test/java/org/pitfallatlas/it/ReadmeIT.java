package org.pitfallatlas.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's claims ledger is the output of {@code scripts/atlas claims}, not typed in. */
class ReadmeIT {

  @TempDir Path tmp;

  @Test
  void claimsLedgerInTheReadmeIsWhatAtlasClaimsPrints() throws Exception {
    Atlas.Result r = new Atlas().run(tmp, "claims");
    assertThat(r.exitCode()).as(r.all()).isZero();
    String readme = Files.readString(Atlas.HOME.resolve("README.md"));
    String start = "<!-- claims:start -->\n";
    String end = "<!-- claims:end -->";
    String committed =
        readme.substring(readme.indexOf(start) + start.length(), readme.indexOf(end)).strip();
    assertThat(committed)
        .as("README.md's claims ledger; refresh it with the output of scripts/atlas claims")
        .isEqualTo(r.out().strip());
  }
}
