package org.marginlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.UserException;
import org.marginlab.data.DataRecord;
import org.marginlab.run.RunFiles;

/**
 * An image folder records no SHA-256 (thousands of files), so resuming its run must still refuse data that is
 * plainly another set: other image counts, image size or class names. Otherwise the continuation mixes two data
 * sets into one run's record without a word.
 */
class ResumeOtherImageFolderTest {

    private static TrainingData withRecord(DataRecord r) {
        TrainingData d = TestData.get();
        return new TrainingData(d.train(), d.test(), d.classes(), d.testIds(), r);
    }

    private static DataRecord folder(int train, List<String> names) {
        return new DataRecord("image-folder", "/data/shoes", train, 10_000, 1, 28, 28, null, names);
    }

    @Test
    void resumingWithAnImageFolderOfOtherCountsOrClassesIsRefusedAndChangesNothing(@TempDir Path tmp) throws Exception {
        List<String> names = IntStream.range(0, 10).mapToObj(i -> "c" + i).toList();
        Path run = tmp.resolve("run");
        TrainingSession first = TrainingSession.create(TestData.small(20, 8), withRecord(folder(60_000, names)),
                TestData.SOFTMAX, run);
        TestData.stopAt(first, 10);
        byte[] metrics = Files.readAllBytes(run.resolve(RunFiles.METRICS));

        // 12 images added to the folder since: 60 012 train images, not 60 000
        UserException more = assertThrows(UserException.class,
                () -> TrainingSession.resumeRun(run, withRecord(folder(60_012, names)), TestData.SOFTMAX));
        assertEquals(run.resolve(RunFiles.CONFIG) + ": the run trained on 60000 train / 10000 test images of 10 classes "
                + "(1×28×28), the data at /data/shoes has 60012 train / 10000 test images of 10 classes (1×28×28); "
                + "resume with the data it trained on (--data)", more.getMessage());

        // the same counts, one class folder renamed
        List<String> renamed = new java.util.ArrayList<>(names);
        renamed.set(3, "boots");
        UserException other = assertThrows(UserException.class,
                () -> TrainingSession.resumeRun(run, withRecord(folder(60_000, renamed)), TestData.SOFTMAX));
        assertEquals(run.resolve(RunFiles.CONFIG) + ": the run trained on classes c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, "
                + "the data at /data/shoes has c0, c1, c2, boots, c4, c5, c6, c7, c8, c9; resume with the data it trained "
                + "on (--data)", other.getMessage());

        org.junit.jupiter.api.Assertions.assertArrayEquals(metrics, Files.readAllBytes(run.resolve(RunFiles.METRICS)));
        // the refusal released the run: the same data resumes it
        TrainingSession same = TrainingSession.resumeRun(run, withRecord(folder(60_000, names)), TestData.SOFTMAX);
        assertEquals(10, same.iteration());
        TestData.stopAt(same, 12);
    }
}
