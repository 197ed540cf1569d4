package org.marginlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.UserException;
import org.marginlab.config.TrainConfig;
import org.marginlab.loss.HeadKind;

/**
 * A new run refuses a folder holding any run file, not only config.json: a run whose config.json was moved or
 * renamed still has its metrics.csv and snapshots.bin, which a new writer would truncate to their headers.
 */
class CreateOverLeftoversTest {

    @Test
    void aFolderWithARunsRecordsButNoConfigIsRefusedAndKept(@TempDir Path dir) throws Exception {
        String rows = MetricsRow.HEADER + "\n0,0,2.3,0.1,NaN,0.001,NaN,NaN,NaN,100,0.5,1.5,1.4,1,0,0\n";
        Files.writeString(dir.resolve(RunFiles.METRICS), rows);
        byte[] snaps = {'M', 'L', 'S', 'N', 'A', 'P', '0', '1', 1, 2, 3};
        Files.write(dir.resolve(RunFiles.SNAPSHOTS), snaps);
        UserException e = assertThrows(UserException.class,
                () -> RunWriter.create(dir, TrainConfig.defaults(HeadKind.SOFTMAX)));
        assertEquals("run folder " + dir + ": already holds a run's files (metrics.csv, snapshots.bin) though no "
                + "config.json; choose a new folder, or restore its config.json to resume it", e.getMessage());
        assertEquals(rows, Files.readString(dir.resolve(RunFiles.METRICS)));
        org.junit.jupiter.api.Assertions.assertArrayEquals(snaps, Files.readAllBytes(dir.resolve(RunFiles.SNAPSHOTS)));
        assertEquals(false, Files.exists(dir.resolve(RunFiles.CONFIG)));
    }
}
