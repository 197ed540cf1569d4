package org.marginlab.figures;

import org.marginlab.figures.catalog.FigureSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.UserException;
import org.marginlab.figures.embedding.EmbeddingSphereFigure;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.figures.theory.STradeoffFigure;
import org.marginlab.loss.HeadKind;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class ExportTest {

    @TempDir
    Path dir;

    @Test
    void pngCarriesScaledPixelsDpiAndCameraAngles() throws IOException {
        EmbeddingSphereFigure f = new EmbeddingSphereFigure();
        f.setRun(SyntheticRun.build(HeadKind.NORMFACE, 3, 1, 1, 100, 3));
        f.setYaw(-40);
        f.setPitch(25);
        Path p = FigureExporter.write(f, dir, ExportFormat.PNG, 2);
        assertEquals(dir.resolve("embedding-sphere.png"), p);
        try (ImageInputStream in = ImageIO.createImageInputStream(p.toFile())) {
            ImageReader r = ImageIO.getImageReaders(in).next();
            r.setInput(in);
            BufferedImage img = r.read(0);
            assertEquals(2 * f.preferredSize().width, img.getWidth());
            assertEquals(2 * f.preferredSize().height, img.getHeight());
            IIOMetadataNode root = (IIOMetadataNode) r.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            IIOMetadataNode phys = (IIOMetadataNode) root.getElementsByTagName("pHYs").item(0);
            // 2 × 96 dpi = 192 dpi = 7559 pixels per metre
            assertEquals("7559", phys.getAttribute("pixelsPerUnitXAxis"));
            assertEquals("7559", phys.getAttribute("pixelsPerUnitYAxis"));
            assertEquals("meter", phys.getAttribute("unitSpecifier"));
            NodeList texts = root.getElementsByTagName("tEXtEntry");
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < texts.getLength(); i++) {
                IIOMetadataNode e = (IIOMetadataNode) texts.item(i);
                all.append(e.getAttribute("keyword")).append('=').append(e.getAttribute("value")).append(';');
            }
            assertTrue(all.toString().contains("marginlab:camera_yaw_deg=-40;"), all.toString());
            assertTrue(all.toString().contains("marginlab:camera_pitch_deg=25;"), all.toString());
            r.dispose();
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList(), "no temp files left behind");
        }
    }

    @Test
    void svgParsesAndKeepsTextAndViewState() throws Exception {
        EmbeddingSphereFigure f = new EmbeddingSphereFigure();
        f.setRun(SyntheticRun.build(HeadKind.NORMFACE, 3, 1, 1, 50, 3));
        Path p = FigureExporter.write(f, dir, ExportFormat.SVG, 1);
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        Document doc = dbf.newDocumentBuilder().parse(p.toFile());
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals("900", doc.getDocumentElement().getAttribute("width"));
        String svg = Files.readString(p, StandardCharsets.UTF_8);
        assertTrue(svg.contains("Normalised embedding on the unit sphere"));
        assertTrue(svg.contains("camera_yaw_deg=35"));
        assertTrue(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle").getLength()
                + doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "ellipse").getLength()
                + doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").getLength() > 50);
    }

    @Test
    void csvIsTheTableOfPlottedValues() throws IOException {
        STradeoffFigure f = new STradeoffFigure();
        Path p = FigureExporter.write(f, dir, ExportFormat.CSV, 1);
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        assertEquals("s,P_y,dL_dtheta_y", lines.get(0));
        assertEquals(f.csv().size(), lines.size());
        String[] cells = lines.get(150).split(",");
        double s = Double.parseDouble(cells[0]);
        assertEquals(1 / (1 + 9 * Math.exp(-s * Math.PI / 2)), Double.parseDouble(cells[1]), 1e-15);
        List<String[]> rows = List.<String[]>of(new String[] {"a,b", "say \"hi\"", "plain"});
        byte[] quoted = FigureExporter.csvBytes(rows);
        assertEquals("\"a,b\",\"say \"\"hi\"\"\",plain\n", new String(quoted, StandardCharsets.UTF_8));
    }

    @Test
    void unwritableDirectoryIsAOneLineUserError() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        UserException e = assertThrows(UserException.class,
                () -> FigureExporter.write(new STradeoffFigure(), file.resolve("out"), ExportFormat.PNG, 1));
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.getMessage().contains(file.resolve("out").toString()), e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot create output folder " + file.resolve("out")), e.getMessage());
        assertTrue(e.getMessage().endsWith("; choose a writable output folder"), e.getMessage());
        assertEquals(UserException.Field.OUTPUT_FOLDER, e.field());
        assertThrows(UserException.class, () -> FigureExporter.write(new STradeoffFigure(), dir, ExportFormat.PNG, 4));
        assertThrows(UserException.class, () -> ExportFormat.parse("gif"));
    }

    @Test
    void exportAllWritesEveryFigureOfASet() {
        List<Path> files = FigureSet.theory(HeadKind.ARC, org.marginlab.loss.HeadParams.defaults(HeadKind.ARC))
                .exportAll(dir.resolve("theory"), ExportFormat.CSV, 1);
        assertEquals(List.of("dz-dtheta.csv", "psi-curves.csv", "p-target.csv", "s-tradeoff.csv", "decision-boundary.csv"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path p : files) {
            assertTrue(Files.isRegularFile(p), p.toString());
        }
    }
}
