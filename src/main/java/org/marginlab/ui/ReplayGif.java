package org.marginlab.ui;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.marginlab.figures.Figure;
import org.marginlab.figures.export.FigureExporter;

/** Writes a run's replay as a looping animated GIF with the JDK's own GIF writer. */
public final class ReplayGif {
    /** Frames beyond this are skipped evenly; a 120-frame GIF plays in 12 s. */
    public static final int MAX_FRAMES = 120;
    static final int DELAY_CENTISECONDS = 10;

    private ReplayGif() {
    }

    /** Renders every frame at {@code scale}, headless, and writes the GIF atomically. */
    public static Path write(List<Figure> frames, Path target, int scale) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames to write");
        }
        FigureExporter.ensureDirectory(target.getParent());
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            boolean first = true;
            for (Figure f : frames) {
                BufferedImage rgb = FigureExporter.image(f, scale);
                BufferedImage indexed = toIndexed(rgb);
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(indexed), param);
                frameMetadata(meta, first);
                writer.writeToSequence(new IIOImage(indexed, null, meta), param);
                first = false;
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        FigureExporter.writeAtomically(target, bytes.toByteArray());
        return target;
    }

    private static BufferedImage toIndexed(BufferedImage rgb) {
        // The writer needs an indexed or byte image; the default 256-colour conversion keeps the palette.
        BufferedImage img = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_INDEXED);
        java.awt.Graphics2D g = img.createGraphics();
        g.drawImage(rgb, 0, 0, null);
        g.dispose();
        return img;
    }

    private static void frameMetadata(IIOMetadata meta, boolean first) throws IOException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(DELAY_CENTISECONDS));
        gce.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0}); // loop forever
            apps.appendChild(app);
        }
        meta.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode n = new IIOMetadataNode(name);
        root.appendChild(n);
        return n;
    }
}
