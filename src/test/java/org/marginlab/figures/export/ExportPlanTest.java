package org.marginlab.figures.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.UserException;
import org.marginlab.figures.Figure;

class ExportPlanTest {

    @TempDir
    Path dir;

    /** A 40 × 30 figure, black on white, whose plotted data are two rows. */
    private static final class Square implements Figure {
        private final String id;

        Square(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String title() {
            return "square";
        }

        @Override
        public void draw(Graphics2D g, Rectangle2D area) {
            g.setColor(Color.WHITE);
            g.fill(area);
            g.setColor(Color.BLACK);
            g.fill(new Rectangle2D.Double(area.getX(), area.getY(), area.getWidth() / 2, area.getHeight()));
        }

        @Override
        public List<String[]> csv() {
            return List.of(new String[] {"x", "label"}, new String[] {"1.5", "a,b"});
        }

        @Override
        public Dimension preferredSize() {
            return new Dimension(40, 30);
        }
    }

    @Test
    void aStemNamesRunHeadAndFigureOnce() {
        assertEquals("20261201-031500-arcface-embedding-sphere",
                ExportPlan.stem("20261201-031500-arcface", "arcface", "embedding-sphere"));
        assertEquals("20261201-031500-arcface-cosface-psi-curves",
                ExportPlan.stem("20261201-031500-arcface", "cosface", "psi-curves"));
        assertEquals("cosface-dz-dtheta", ExportPlan.stem(null, "cosface", "dz-dtheta"));
        assertEquals("s-tradeoff", ExportPlan.stem(" ", null, "s-tradeoff"));
        assertEquals("my-run-1-arc-a-b", ExportPlan.stem("my run/1", "arc", "a b"));
    }

    @Test
    void twoFiguresForOneFileFailBeforeAnythingIsWritten() {
        ExportPlan plan = new ExportPlan(dir).add(new Square("a"), "a", ExportFormat.PNG, 1);
        plan.add(new Square("a"), "a", ExportFormat.CSV, 1); // same stem, another format: another file
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> plan.add(new Square("b"), "a", ExportFormat.PNG, 2));
        assertEquals("two figures would both be written to a.png", e.getMessage());
        assertEquals(List.of(dir.resolve("a.png"), dir.resolve("a.csv")), plan.targets());
    }

    @Test
    void existingFilesAreNamedAndRefusedUnlessForced() throws Exception {
        ExportPlan plan = new ExportPlan(dir).add(new Square("a"), "a", List.of(ExportFormat.PNG, ExportFormat.SVG,
                ExportFormat.CSV), 1);
        assertEquals(List.of(), plan.existing());
        plan.refuseOverwrite(false);
        Files.writeString(dir.resolve("a.svg"), "old");
        Files.writeString(dir.resolve("a.csv"), "old");
        assertEquals(List.of(dir.resolve("a.svg"), dir.resolve("a.csv")), plan.existing());
        UserException e = assertThrows(UserException.class, () -> plan.refuseOverwrite(false));
        assertEquals(dir.resolve("a.svg") + " exists (and 1 more of the files to write); add --force to replace them,"
                + " or choose another --out", e.getMessage());
        plan.refuseOverwrite(true);
    }

    @Test
    void writesEveryFileInPlanOrder() throws Exception {
        Square a = new Square("a");
        Square b = new Square("b");
        ExportPlan plan = new ExportPlan(dir.resolve("new/folder"))
                .add(b, "run-b", List.of(ExportFormat.PNG, ExportFormat.CSV), 2)
                .add(a, "run-a", ExportFormat.SVG, 1)
                .add(a, "run-a", ExportFormat.PNG, 3);
        List<Path> written = plan.write();
        Path out = dir.resolve("new/folder");
        assertEquals(List.of(out.resolve("run-b.png"), out.resolve("run-b.csv"), out.resolve("run-a.svg"),
                out.resolve("run-a.png")), written);

        BufferedImage png2 = ImageIO.read(out.resolve("run-b.png").toFile());
        assertEquals(80, png2.getWidth());  // 40 × scale 2
        assertEquals(60, png2.getHeight());
        assertEquals(Color.BLACK.getRGB(), png2.getRGB(10, 30));  // left half black
        assertEquals(Color.WHITE.getRGB(), png2.getRGB(70, 30));  // right half white
        BufferedImage png3 = ImageIO.read(out.resolve("run-a.png").toFile());
        assertEquals(120, png3.getWidth());
        assertEquals(90, png3.getHeight());
        // RFC 4180: a field with a comma is quoted; LF line ends
        assertEquals("x,label\n1.5,\"a,b\"\n", Files.readString(out.resolve("run-b.csv"), StandardCharsets.UTF_8));
        assertTrue(Files.readString(out.resolve("run-a.svg")).contains("<svg"), "an SVG document");
    }
}
