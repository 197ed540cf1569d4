package org.marginlab.reproduce;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/results/README.md's comparing sentences are exactly what the committed CSVs give. */
class ResultsDigestTest {

    @Test
    void everyDigestBlockOfTheResultsPageIsRegeneratedFromItsCsvs() throws Exception {
        Path readme = Path.of("docs/results/README.md");
        String text = Files.readString(readme);
        for (String name : ResultsDigest.BLOCKS) {
            String open = "<!-- digest:" + name + " -->\n";
            String close = "\n<!-- /digest:" + name + " -->";
            int a = text.indexOf(open);
            int z = text.indexOf(close);
            assertTrue(a >= 0 && z > a, "README block " + name);
            assertEquals(ResultsDigest.block(name, readme.getParent()), text.substring(a + open.length(), z),
                    name + " is stale: run java -cp target/classes org.marginlab.reproduce.ResultsDigest");
        }
    }

    @Test
    void spearmanAndItsExactPermutationTestByHand() {
        // ρ = 1 − 6Σd²/(n(n²−1)); x ranks 1..4, y ranks 2,1,4,3: Σd² = 4, ρ = 1 − 24/60 = 0.6
        double[] x = {1, 2, 3, 4};
        double[] y = {20, 10, 40, 30};
        assertEquals(0.6, ResultsDigest.spearman(x, y), 1e-12);
        // ρ = 1 − Σd²/10 for n = 4, so |ρ| ≥ 0.6 where Σd² ≤ 4 or ≥ 16; of the 24 orderings Σd² = 0, 2, 4 occur 1, 3, 1
        // times and (mirrored) 16, 18, 20 also 1, 3, 1: 10 of 24
        assertEquals(10 / 24.0, ResultsDigest.permutationP(x, y), 1e-12);
        // ties take average ranks
        assertEquals(1.0, ResultsDigest.spearman(new double[] {1, 1, 2}, new double[] {5, 5, 9}), 1e-12);
    }
}
