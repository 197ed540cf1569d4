package org.marginlab.ui.export;

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
    /** At most this many distinct pictures (each is rendered): later snapshots are sampled evenly. */
    public static final int MAX_FRAMES = 300;

    /** One picture of the replay: the snapshot it shows and how long it stays, in GIF centiseconds. */
    public record Frame(int snapshot, int centiseconds) {
    }

    /**
     * The frames of a replay of {@code snapshots} snapshots at {@code fps} frames a second lasting
     * {@code seconds}: tick t shows snapshot round(t·(n − 1)/(ticks − 1)); a snapshot held over several
     * ticks is one frame with their summed delay, so a short run plays slower rather than shorter.
     * Delays are rounded so that they add up to the length exactly.
     */
    public static List<Frame> plan(int snapshots, double fps, double seconds) {
        if (snapshots < 1 || !(fps > 0) || !(seconds > 0)) {
            throw new IllegalArgumentException("a replay needs snapshots, fps > 0 and a length > 0");
        }
        int ticks = Math.max(1, (int) Math.round(fps * seconds));
        int last = snapshots - 1;
        List<Frame> frames = new java.util.ArrayList<>();
        int start = 0;
        for (int t = 1; t <= ticks; t++) {
            int now = index(start, ticks, last);
            if (t == ticks || index(t, ticks, last) != now) {
                // centiseconds from 0 to the end of tick t, rounded, minus those already given out
                int end = (int) Math.round(t * seconds * 100 / ticks);
                int begin = (int) Math.round(start * seconds * 100 / ticks);
                frames.add(new Frame(now, Math.max(1, end - begin)));
                start = t;
            }
        }
        // a long run at a high rate: keep every k-th frame, merging the delays
        while (frames.size() > MAX_FRAMES) {
            List<Frame> fewer = new java.util.ArrayList<>();
            for (int i = 0; i < frames.size(); i += 2) {
                int cs = frames.get(i).centiseconds() + (i + 1 < frames.size() ? frames.get(i + 1).centiseconds() : 0);
                fewer.add(new Frame(frames.get(i).snapshot(), cs));
            }
            frames = fewer;
        }
        return frames;
    }

    private static int index(int tick, int ticks, int last) {
        return ticks == 1 ? last : (int) Math.round(tick * (double) last / (ticks - 1));
    }

    private ReplayGif() {
    }

    /** Renders every frame at {@code scale}, headless, and writes the GIF atomically; {@code centiseconds[i]} is frame i's delay. */
    public static Path write(List<Figure> frames, int[] centiseconds, Path target, int scale) {
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
            int i = 0;
            for (Figure f : frames) {
                BufferedImage rgb = FigureExporter.image(f, scale);
                BufferedImage indexed = toIndexed(rgb);
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(indexed), param);
                frameMetadata(meta, first, centiseconds[i++]);
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

    private static void frameMetadata(IIOMetadata meta, boolean first, int centiseconds) throws IOException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(centiseconds));
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
