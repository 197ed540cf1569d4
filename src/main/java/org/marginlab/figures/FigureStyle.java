package org.marginlab.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * The one look of every figure: the class palette, class names, fonts and a few drawing helpers.
 * Sizes are in logical pixels at 1×; exports scale the whole Graphics2D, so 3× prints stay sharp.
 */
public final class FigureStyle {
    private FigureStyle() {
    }

    /** Fashion-MNIST class names in label order. */
    public static final List<String> CLASS_NAMES = org.marginlab.data.FashionMnist.CLASS_NAMES;

    /** Line colours for overlaid series (heads, runs): Tol's "bright" scheme, colour-blind safe. */
    private static final Color[] SERIES_COLORS = {
        new Color(0x4477AA), new Color(0xEE6677), new Color(0x228833), new Color(0xCCBB44),
        new Color(0x66CCEE), new Color(0xAA3377), new Color(0xBBBBBB), new Color(0x000000),
        // Paul Tol's vibrant orange and teal and his muted indigo: apart from the eight above and each other
        new Color(0xEE7733), new Color(0x009988), new Color(0x332288),
    };

    public static final String FONT_FAMILY = "DejaVu Sans";

    /**
     * Colours and sizes a figure is drawn with. Exports and the CLI use {@link #PAPER}; the window binds
     * its theme and presentation mode around each paint with {@link #drawWith}, so one figure object
     * draws white for a paper and dark for a dark window, and larger for a projector.
     *
     * @param textScale multiplies every font size
     * @param pointScale multiplies the radius of plotted points and the width of plotted lines
     */
    public record Look(String name, Color background, Color ink, Color grid, Color muted,
                       double textScale, double pointScale) {
        public boolean dark() {
            return background.getRed() + background.getGreen() + background.getBlue() < 3 * 128;
        }

        /** Whether this is a presentation look: the window is on a projector. */
        public boolean presenting() {
            return textScale > 1;
        }

        /** The same colours with type and points grown for a room: readable from the back row. */
        public Look presentation() {
            return new Look(name + "-presentation", background, ink, grid, muted, 1.3, 1.6);
        }
    }

    public static final Look PAPER = new Look("light", Color.WHITE, new Color(0x222222), new Color(0xDDDDDD),
            new Color(0x777777), 1, 1);
    /** Matches dark.css: the figure sits on the window's own background, text in its light ink. */
    public static final Look DARK = new Look("dark", new Color(0x232427), new Color(0xE6E6E6), new Color(0x3C3E44),
            new Color(0xA8A8A8), 1, 1);

    private static final ScopedValue<Look> LOOK = ScopedValue.newInstance();

    /** Runs {@code drawing} with every figure drawn on this thread meanwhile in {@code look}. */
    public static void drawWith(Look look, Runnable drawing) {
        ScopedValue.where(LOOK, look).run(drawing);
    }

    /** The look of the figure being drawn on this thread: {@link #PAPER} outside {@link #drawWith}. */
    public static Look look() {
        return LOOK.orElse(PAPER);
    }

    public static Color background() {
        return look().background();
    }

    public static Color ink() {
        return look().ink();
    }

    public static Color grid() {
        return look().grid();
    }

    public static Color muted() {
        return look().muted();
    }

    /** Radius or line width {@code r} at 1×, grown in presentation mode. */
    public static double point(double r) {
        return r * look().pointScale();
    }

    /**
     * The radius of one of {@code n} plotted points in a picture {@code side} pixels across: {@link #point}
     * of {@code r}, but no more than the room each point has (side / (6·√n)), and not under 1.2 px; so a
     * crowded ring in a small panel stays a ring of dots, not a solid band, while a big one still grows.
     */
    public static double pointRadius(double r, double side, int n) {
        return Math.min(point(r), Math.max(1.2, side / (6 * Math.sqrt(Math.max(1, n)))));
    }

    private static Font font(int style, double size) {
        return new Font(FONT_FAMILY, style, 1).deriveFont((float) (size * look().textScale()));
    }

    public static Font titleFont() {
        return font(Font.BOLD, 16);
    }

    public static Font subtitleFont() {
        return font(Font.PLAIN, 12);
    }

    public static Font labelFont() {
        return font(Font.PLAIN, 13);
    }

    public static Font tickFont() {
        return font(Font.PLAIN, 11);
    }

    public static Font legendFont() {
        return font(Font.PLAIN, 12);
    }

    /**
     * More classes than this and figures stop writing one label per class (legend entries, axis names, W_j
     * tags): a hundred would overlap at 1024×768; the names come on hover and in the CSVs instead. The same
     * count where {@link ClassPalette} stops giving each class its own qualitative colour.
     */
    public static final int LABELLED_CLASSES = ClassPalette.QUALITATIVE;

    /**
     * The colour of class {@code i} of {@code n} (2 to 100) on the background of the look being drawn:
     * {@link ClassPalette}, one colour each up to 20 classes, a sequential map beyond.
     */
    public static Color classColor(int i, int n) {
        return ClassPalette.colour(i, n, background());
    }

    /** {@link #classColor(int, int)} on {@code look}'s background, for window controls drawn outside a figure. */
    public static Color classColor(Look look, int i, int n) {
        return ClassPalette.colour(i, n, look.background());
    }

    /**
     * The colour of class {@code j} where the class count does not matter: any of the first 20 has the same
     * colour for every count up to 20 (Fashion-MNIST's ten included).
     */
    public static Color classColor(int j) {
        return j < ClassPalette.QUALITATIVE ? classColor(j, Math.max(CLASS_NAMES.size(), j + 1)) : classColor(j, 100);
    }

    public static String className(int j) {
        return j >= 0 && j < CLASS_NAMES.size() ? CLASS_NAMES.get(j) : "class " + j;
    }

    public static Color seriesColor(int i) {
        return SERIES_COLORS[Math.floorMod(i, SERIES_COLORS.length)];
    }

    /** Mixes {@code c} towards {@code to} by {@code t} in [0, 1]. */
    public static Color mix(Color c, Color to, double t) {
        double u = 1 - t;
        return new Color(
                (int) Math.round(c.getRed() * u + to.getRed() * t),
                (int) Math.round(c.getGreen() * u + to.getGreen() * t),
                (int) Math.round(c.getBlue() * u + to.getBlue() * t),
                c.getAlpha());
    }

    /** Antialiasing and stroke control on, as every figure wants. */
    public static void prepare(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }

    /**
     * Fills the background and draws a centred title and optional subtitle at the top of {@code area}.
     *
     * @return the area left below the title
     */
    public static Rectangle2D header(Graphics2D g, Rectangle2D area, String title, String subtitle) {
        return header(g, area, title, subtitle, true);
    }

    /**
     * As {@link #header(Graphics2D, Rectangle2D, String, String)}; {@code mayBreak} false keeps the subtitle on one
     * line, set smaller where it must be (a comparison cell's parameter line, already broken off its title).
     */
    public static Rectangle2D header(Graphics2D g, Rectangle2D area, String title, String subtitle, boolean mayBreak) {
        prepare(g);
        g.setColor(background());
        g.fill(area);
        double y = area.getY() + 8;
        g.setColor(ink());
        g.setFont(titleFont());
        FontMetrics fm = g.getFontMetrics();
        y += fm.getAscent();
        drawCentredFitting(g, title, area, y);
        y += fm.getDescent();
        if (subtitle != null && !subtitle.isEmpty()) {
            g.setFont(subtitleFont());
            g.setColor(muted());
            fm = g.getFontMetrics();
            for (String line : mayBreak ? subtitleLines(g, subtitle, area.getWidth() - 16) : List.of(subtitle)) {
                y += 2 + fm.getAscent();
                drawCentredFitting(g, line, area, y);
                y += fm.getDescent();
            }
        }
        y += 6;
        return new Rectangle2D.Double(area.getX(), y, area.getWidth(), area.getMaxY() - y);
    }

    /**
     * A subtitle too wide for {@code room} at its size (a panel of a grid, a narrow window) breaks into two lines at the ", " or "; " that balances them best, so that neighbouring
     * panels' subtitles never run together and none is cut short; each line then still fits itself.
     */
    static List<String> subtitleLines(Graphics2D g, String text, double room) {
        if (g.getFontMetrics().getStringBounds(text, g).getWidth() <= room) {
            return List.of(text);
        }
        int best = -1;
        double bestWidth = Double.MAX_VALUE;
        for (int at = 1; at < text.length() - 1; at++) {
            char c = text.charAt(at);
            if ((c == ',' || c == ';') && text.charAt(at + 1) == ' ') {
                double wider = Math.max(g.getFontMetrics().getStringBounds(text.substring(0, at + 1), g).getWidth(),
                        g.getFontMetrics().getStringBounds(text.substring(at + 2), g).getWidth());
                if (wider < bestWidth) {
                    bestWidth = wider;
                    best = at;
                }
            }
        }
        return best < 0 ? List.of(text) : List.of(text.substring(0, best + 1), text.substring(best + 2));
    }

    public static void drawCentred(Graphics2D g, String text, double cx, double baseline) {
        double w = g.getFontMetrics().getStringBounds(text, g).getWidth();
        g.drawString(text, (float) (cx - w / 2), (float) baseline);
    }

    /** The schedule named at the end of a head's live parameters ({@code RunData.paramsLabel}). */
    private static final java.util.regex.Pattern SCHEDULE_REMARK =
            java.util.regex.Pattern.compile(" \\((warm-up|annealing)(, (warm-up|annealing))?\\)$");

    /**
     * Draws {@code text} centred in {@code area}'s width; text too wide for it (a small panel, a long
     * head description) is set up to a quarter smaller, then loses a closing "(warm-up)" or "(annealing)"
     * (the arrows before it still show which values move), and only then is cut short with an ellipsis,
     * never clipped.
     */
    public static void drawCentredFitting(Graphics2D g, String text, Rectangle2D area, double baseline) {
        double room = area.getWidth() - 8;
        var font = g.getFont();
        double w = g.getFontMetrics().getStringBounds(text, g).getWidth();
        if (w > room && room > 0) {
            g.setFont(font.deriveFont((float) Math.max(font.getSize2D() * 0.75, font.getSize2D() * room / w)));
            String cut = text;
            if (SCHEDULE_REMARK.matcher(cut).find() && g.getFontMetrics().getStringBounds(cut, g).getWidth() > room) {
                cut = SCHEDULE_REMARK.matcher(cut).replaceFirst("");
            }
            while (cut.length() > 1 && g.getFontMetrics().getStringBounds(cut, g).getWidth() > room) {
                cut = cut.substring(0, cut.length() - 2) + "…";
            }
            text = cut;
        }
        drawCentred(g, text, area.getCenterX(), baseline);
        g.setFont(font);
    }

    public static void drawRight(Graphics2D g, String text, double right, double baseline) {
        double w = g.getFontMetrics().getStringBounds(text, g).getWidth();
        g.drawString(text, (float) (right - w), (float) baseline);
    }

    /** Draws {@code text} rotated −90° centred on (cx, cy): a y-axis label. */
    public static void drawVertical(Graphics2D g, String text, double cx, double cy) {
        var saved = g.getTransform();
        g.translate(cx, cy);
        g.rotate(-Math.PI / 2);
        FontMetrics fm = g.getFontMetrics();
        double w = fm.getStringBounds(text, g).getWidth();
        g.drawString(text, (float) (-w / 2), (float) ((fm.getAscent() - fm.getDescent()) / 2.0));
        g.setTransform(saved);
    }

    /** The note a run figure draws while it has no data yet. */
    public static void noData(Graphics2D g, Rectangle2D area, String title, String message) {
        Rectangle2D body = header(g, area, title, null);
        g.setFont(labelFont());
        g.setColor(muted());
        drawCentred(g, message, body.getCenterX(), body.getCenterY());
    }

    public static BasicStroke stroke(double width) {
        return new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    public static BasicStroke dashed(double width) {
        return new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {(float) (4 * width), (float) (3 * width)}, 0f);
    }
}
