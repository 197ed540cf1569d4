package org.marginlab.figures.export;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.apache.batik.dom.GenericDOMImplementation;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.marginlab.AtomicFiles;
import org.marginlab.UserException;
import org.marginlab.figures.Figure;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a figure as PNG (scale 1–3, pHYs DPI = 96 × scale so the printed size stays that of the 1×
 * screen figure), SVG (Apache Batik svggen) or CSV (exactly the plotted data). Every file is written to
 * a temporary sibling and renamed into place, so readers never see half a file. View state (e.g. the
 * sphere's camera angles) goes into PNG tEXt chunks and an SVG {@code <metadata>} element.
 */
public final class FigureExporter {
    private FigureExporter() {
    }

    /** Screen DPI a 1× figure is laid out for. */
    public static final int BASE_DPI = 96;

    /** Renders {@code f} at its preferred size times {@code scale} into an RGB image. */
    public static BufferedImage image(Figure f, int scale) {
        checkScale(scale);
        Dimension d = f.preferredSize();
        BufferedImage img = new BufferedImage(d.width * scale, d.height * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.scale(scale, scale);
            f.draw(g, new Rectangle2D.Double(0, 0, d.width, d.height));
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Writes {@code dir/<id>.<ext>} and returns its path. */
    public static Path write(Figure f, Path dir, ExportFormat format, int scale) {
        return write(f, dir, f.id(), format, scale);
    }

    /** Writes {@code dir/<name>.<ext>} and returns its path. */
    public static Path write(Figure f, Path dir, String name, ExportFormat format, int scale) {
        checkScale(scale);
        ensureDirectory(dir);
        Path target = dir.resolve(name + "." + format.extension());
        byte[] bytes = switch (format) {
            case PNG -> pngBytes(image(f, scale), BASE_DPI * scale, f.title(), f.viewState());
            case SVG -> svgBytes(f);
            case CSV -> csvBytes(f.csv());
        };
        writeAtomically(target, bytes);
        return target;
    }

    private static void checkScale(int scale) {
        if (scale < 1 || scale > 3) {
            throw new UserException("--scale " + scale + " is not supported; use 1, 2 or 3");
        }
    }

    /** Creates {@code dir} if needed; a one-line UserException when it cannot be written. */
    public static void ensureDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserException(UserException.Field.OUTPUT_FOLDER, "cannot create output folder " + dir + " (" + reason(e)
                    + "); choose a writable output folder");
        }
        if (!Files.isDirectory(dir)) {
            throw new UserException(UserException.Field.OUTPUT_FOLDER, "output folder " + dir + " is not a folder; choose a folder");
        }
    }

    /** Temp file in the same directory, then an atomic rename over the target. */
    public static void writeAtomically(Path target, byte[] bytes) {
        try {
            AtomicFiles.write(target, bytes);
        } catch (IOException e) {
            throw new UserException(UserException.Field.OUTPUT_FOLDER, "cannot write " + target + " (" + reason(e)
                    + "); choose a writable output folder");
        }
    }

    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "that folder cannot be created there";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return org.marginlab.IoErrors.describe(e); // in words, never the exception's class name
    }

    /** PNG bytes with a pHYs chunk of {@code dpi} and tEXt chunks for the title and view state. */
    public static byte[] pngBytes(BufferedImage img, int dpi, String title, Map<String, String> viewState) {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("png");
        ImageWriter w = it.next();
        try (ByteArrayOutputStream bos = new ByteArrayOutputStream();
             ImageOutputStream ios = ImageIO.createImageOutputStream(bos)) {
            ImageWriteParam param = w.getDefaultWriteParam();
            if (param.canWriteCompressed()) {
                // deflate level ≈ 2: flat-colour figures compress almost as well as at 9, several times faster
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.75f);
            }
            IIOMetadata meta = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
            String fmt = "javax_imageio_png_1.0";
            IIOMetadataNode root = new IIOMetadataNode(fmt);
            IIOMetadataNode phys = new IIOMetadataNode("pHYs");
            String ppm = Integer.toString((int) Math.round(dpi / 0.0254));
            phys.setAttribute("pixelsPerUnitXAxis", ppm);
            phys.setAttribute("pixelsPerUnitYAxis", ppm);
            phys.setAttribute("unitSpecifier", "meter");
            root.appendChild(phys);
            IIOMetadataNode text = new IIOMetadataNode("tEXt");
            addText(text, "Title", title);
            addText(text, "Software", "MarginLab");
            for (var e : viewState.entrySet()) {
                addText(text, "marginlab:" + e.getKey(), e.getValue());
            }
            root.appendChild(text);
            meta.mergeTree(fmt, root);
            w.setOutput(ios);
            w.write(null, new IIOImage(img, null, meta), param);
            ios.flush();
            return bos.toByteArray();
        } catch (IIOInvalidTreeException e) {
            throw new IllegalStateException("PNG metadata rejected", e);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed in memory", e);
        } finally {
            w.dispose();
        }
    }

    private static void addText(IIOMetadataNode text, String key, String value) {
        IIOMetadataNode e = new IIOMetadataNode("tEXtEntry");
        e.setAttribute("keyword", key.length() > 79 ? key.substring(0, 79) : key);
        // tEXt is Latin-1; keep what fits, the view state is ASCII anyway
        e.setAttribute("value", value.replaceAll("[^\\x20-\\x7E\\xA0-\\xFF]", "?"));
        text.appendChild(e);
    }

    /** SVG of the figure at its preferred size, text kept as text. */
    public static byte[] svgBytes(Figure f) {
        Document doc = GenericDOMImplementation.getDOMImplementation()
                .createDocument("http://www.w3.org/2000/svg", "svg", null);
        SVGGeneratorContext ctx = SVGGeneratorContext.createDefault(doc);
        ctx.setComment("MarginLab figure " + f.id());
        ctx.setPrecision(4);
        SVGGraphics2D g = new SVGGraphics2D(ctx, false);
        Dimension d = f.preferredSize();
        g.setSVGCanvasSize(d);
        f.draw(g, new Rectangle2D.Double(0, 0, d.width, d.height));
        Element root = g.getRoot();
        root.setAttributeNS(null, "viewBox", "0 0 " + d.width + " " + d.height);
        Element title = doc.createElementNS("http://www.w3.org/2000/svg", "title");
        title.setTextContent(f.title());
        root.insertBefore(title, root.getFirstChild());
        if (!f.viewState().isEmpty()) {
            Element meta = doc.createElementNS("http://www.w3.org/2000/svg", "metadata");
            StringBuilder b = new StringBuilder();
            f.viewState().forEach((k, v) -> b.append(k).append('=').append(v).append(';'));
            meta.setTextContent(b.toString());
            root.insertBefore(meta, title.getNextSibling());
        }
        try (ByteArrayOutputStream bos = new ByteArrayOutputStream();
             Writer out = new OutputStreamWriter(bos, StandardCharsets.UTF_8)) {
            g.stream(root, out, true, false);
            out.flush();
            // drop the SVG 1.0 DOCTYPE: readers would try to fetch its DTD from w3.org, and SVG needs none
            String svg = bos.toString(StandardCharsets.UTF_8).replaceFirst("<!DOCTYPE[^>]*>\\s*", "");
            return svg.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("SVG encoding failed in memory", e);
        } finally {
            g.dispose();
        }
    }

    /** RFC 4180 CSV, UTF-8, LF line ends. */
    public static byte[] csvBytes(List<String[]> rows) {
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(quote(row[i]));
            }
            b.append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String cell) {
        if (cell == null) {
            return "";
        }
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }

}
