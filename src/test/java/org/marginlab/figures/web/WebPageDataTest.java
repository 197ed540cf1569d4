package org.marginlab.figures.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.marginlab.figures.RunData;
import org.marginlab.figures.SyntheticRun;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.embedding.EmbeddingSphereFigure;
import org.marginlab.loss.HeadKind;

class WebPageDataTest {

    @Test
    void keepsEveryKthAndTheLast() {
        assertEquals(List.of(0, 3, 6, 9), WebPageData.kept(10, 3));
        assertEquals(List.of(0, 3, 6, 9, 10), WebPageData.kept(11, 3));
        assertEquals(List.of(0, 1, 2), WebPageData.kept(3, 1));
        assertEquals(List.of(), WebPageData.kept(0, 4));
    }

    @Test
    void aSmallRunIsWholeAndItsEmbeddingsAreTheFiguresCsvCells() {
        RunData run = SyntheticRun.build(HeadKind.COSFACE, 2, 1, 6, 40, 3);
        WebPageData d = new WebPageData();
        JsonObject page = d.build(List.of(run), List.of("run-a"), null, f -> { });
        JsonObject r = page.getAsJsonArray("runs").get(0).getAsJsonObject();
        JsonArray snaps = r.getAsJsonArray("snapshots");
        assertEquals(run.iterations().size(), snaps.size());
        assertEquals("circle", r.get("embeddingKind").getAsString());
        // synthetic probes carry no sample ids: the page says why there are no pictures, and nothing else
        assertEquals(List.of(run.label() + ": no probe pictures on hover (the run was recorded without sample ids)."), d.notices());
        for (int i = 0; i < snaps.size(); i++) {
            EmbeddingCircleFigure f = new EmbeddingCircleFigure();
            f.setRun(run);
            f.setSnapshotIndex(i);
            List<String[]> want = WebPageData.columns(f.csv(), WebPageData.EMBEDDING_COLUMNS);
            String[] lines = snaps.get(i).getAsJsonObject().get("csv").getAsString().split("\n");
            assertEquals(want.size(), lines.length);
            assertEquals("kind,class,x,y,id,theta_y_rad,p_y", lines[0]);
            for (int k = 0; k < lines.length; k++) {
                assertEquals(Arrays.asList(want.get(k)), Arrays.asList(lines[k].split(",", -1)), "snapshot " + i + " row " + k);
            }
            // the margin wedges and boundaries at the live parameters travel with each snapshot
            assertTrue(Arrays.stream(lines).anyMatch(l -> l.startsWith("decision_boundary,")), "snapshot " + i);
        }
    }

    @Test
    void aLargeRunIsThinnedToTheBudgetAndSaysHow() {
        // 300 snapshots of 2 000 probes on the sphere: ~25 MB of embedding CSV unthinned
        RunData run = SyntheticRun.build(HeadKind.ARCFACE, 3, 2, 150, 2_000, 5);
        EmbeddingSphereFigure last = new EmbeddingSphereFigure();
        last.setRun(run);
        long oneSnapshot = WebPageData.csvText(WebPageData.columns(last.csv(), WebPageData.EMBEDDING_COLUMNS)).length();
        WebPageData d = new WebPageData();
        JsonObject page = d.build(List.of(run), List.of("big"), null, f -> { });
        long budget = d.embeddingBudget();
        // the rest of the page (similarity matrices, curves, statistics) leaves the embeddings most of the 5.8 MB
        assertTrue(budget > 3_000_000 && budget < WebPageData.PAGE_BUDGET - WebPageData.ASSETS, "budget " + budget);
        int k = WebPageData.stride(List.of(run), budget);
        long largest = 0;
        for (int i : new int[] {0, 75, 150, 225, 299}) {
            EmbeddingSphereFigure f = new EmbeddingSphereFigure();
            f.setRun(run);
            f.setSnapshotIndex(i);
            largest = Math.max(largest, WebPageData.csvText(WebPageData.columns(f.csv(), WebPageData.EMBEDDING_COLUMNS)).length());
        }
        assertEquals((int) Math.ceil(300.0 * largest / budget), k);
        assertTrue(k > 1, "stride " + k);
        JsonArray snaps = page.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonArray("snapshots");
        long bytes = 0;
        for (int i = 0; i < snaps.size(); i++) {
            bytes += snaps.get(i).getAsJsonObject().get("csv").getAsString().length();
        }
        assertTrue(bytes <= budget + oneSnapshot, bytes + " bytes of embeddings");
        assertTrue(page.toString().length() + WebPageData.ASSETS <= WebPageData.PAGE_BUDGET + oneSnapshot, "page " + page.toString().length());
        assertEquals(run.lastIteration().iteration(), snaps.get(snaps.size() - 1).getAsJsonObject().get("iteration").getAsLong());
        assertEquals(run.iterations().get(k).iteration(), snaps.get(1).getAsJsonObject().get("iteration").getAsLong());
        int kept = (300 + k - 1) / k + ((299 % k == 0) ? 0 : 1);
        assertEquals(kept, snaps.size());
        String notice = page.getAsJsonArray("notices").get(0).getAsString();
        assertTrue(notice.startsWith("Thinned to fit the page: the embedding shows every " + k), notice);
        assertTrue(notice.contains("of the 300 snapshots (" + kept + ", the last included)"), notice);
        // curves and statistics are whole: one probe row per snapshot
        long probeRows = page.get("angleStats").getAsString().lines().filter(l -> l.contains(",probe,")).count();
        assertEquals(300, probeRows);
        assertTrue(Set.of("circle", "sphere").contains(page.getAsJsonArray("runs").get(0).getAsJsonObject().get("embeddingKind").getAsString()));
    }
}
