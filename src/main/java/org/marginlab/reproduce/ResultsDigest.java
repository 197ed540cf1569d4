package org.marginlab.reproduce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sentences of docs/results/README.md that compare heads or settings, computed from the committed
 * reports' CSVs alone, so the page cannot say more than its numbers: each block between
 * {@code <!-- digest:NAME -->} and {@code <!-- /digest:NAME -->} is {@link #block}'s text, and
 * {@code ResultsDigestTest} regenerates every block and compares. A ranking is called a finding only when
 * the seed spread (the difference beyond two standard errors over the seeds) or an exact permutation test
 * (p below 0.05) supports it, and the sentence says which.
 */
public final class ResultsDigest {

    private ResultsDigest() {
    }

    /** The block's text from the CSVs under {@code results} (docs/results). */
    public static String block(String name, Path results) {
        return switch (name) {
            case "table5" -> table5(results.resolve("table5/csv/table5.csv"));
            case "fig5" -> fig5(results.resolve("angles/csv/fig5-table.csv"), results.resolve("angles/csv/runs.csv"));
            case "open-set" -> openSet(results.resolve("open-set/csv/open-set.csv"));
            default -> throw new IllegalArgumentException("no digest block " + name);
        };
    }

    public static final List<String> BLOCKS = List.of("table5", "fig5", "open-set");

    /** Table 5: each head's mean ± std over the seeds, and which differences the seed spread supports. */
    static String table5(Path csv) {
        Map<String, String[]> rows = byFirst(read(csv));
        StringBuilder b = new StringBuilder();
        int n = Integer.parseInt(rows.get("softmax")[1]);
        b.append(String.format(Locale.ROOT, "**Table 5** (%d seeds, compact net, 3 passes over 7 680 images, full test set): ", n));
        List<String> parts = new ArrayList<>();
        for (String h : PaperNumbers.PAPER_HEADS) {
            String[] r = rows.get(h);
            parts.add(String.format(Locale.ROOT, "%s %.2f ± %.2f %%", PaperNumbers.paperName(h), d(r[2]), d(r[3])));
        }
        b.append(String.join(", ", parts)).append(String.format(Locale.ROOT, " (paper, ResNet-20, 60 epochs: %.2f, %.2f, %.2f, %.2f). ",
                d(rows.get("softmax")[5]), d(rows.get("arc")[5]), d(rows.get("arcface")[5]), d(rows.get("center")[5])));
        List<String> pairs = new ArrayList<>();
        for (String[] pair : List.of(new String[] {"arc", "softmax"}, new String[] {"arcface", "softmax"}, new String[] {"arcface", "arc"},
                new String[] {"center", "softmax"})) {
            String[] a = rows.get(pair[0]);
            String[] c = rows.get(pair[1]);
            double diff = d(a[2]) - d(c[2]);
            double se = Math.sqrt(d(a[3]) * d(a[3]) / d(a[1]) + d(c[3]) * d(c[3]) / d(c[1]));
            double z = Math.abs(diff) / se;
            pairs.add(String.format(Locale.ROOT, "%s − %s = %+.2f pp (%.1f standard errors of the difference over the seeds: %s)",
                    PaperNumbers.paperName(pair[0]), PaperNumbers.paperName(pair[1]), diff, z,
                    z > 2 ? "supported by the seed spread" : "within the seed spread, no ranking"));
        }
        b.append(String.join("; ", pairs)).append(". In the paper Arc is ")
                .append(String.format(Locale.ROOT, "%.2f pp below ArcFace and ArcFace %.2f pp below Softmax",
                        d(rows.get("arcface")[5]) - d(rows.get("arc")[5]), d(rows.get("softmax")[5]) - d(rows.get("arcface")[5])))
                .append(", one run each, so the paper's own ordering of Arc, ArcFace and Softmax carries no stated spread.");
        return b.toString();
    }

    /** Fig. 5: final probe WC-Intra and test-set W-Inter per s, mean ± std over the seeds, and which s end near the simplex. */
    static String fig5(Path curves, Path runs) {
        Map<Double, Map<Long, double[]>> last = new LinkedHashMap<>(); // s → seed → {iteration, wc}
        for (String[] r : read(curves).subList(1, read(curves).size())) {
            double s = d(r[0]);
            long seed = Long.parseLong(r[1]);
            long it = Long.parseLong(r[2]);
            double[] was = last.computeIfAbsent(s, k -> new LinkedHashMap<>()).get(seed);
            if (was == null || it > was[0]) {
                last.get(s).put(seed, new double[] {it, d(r[3])});
            }
        }
        List<String[]> runRows = read(runs);
        List<String> header = List.of(runRows.get(0));
        int wInter = header.indexOf("w_inter_rad");
        double simplex = PaperNumbers.simplexAngle(10);
        List<String> wc = new ArrayList<>();
        List<String> wi = new ArrayList<>();
        List<String> near = new ArrayList<>();
        int seeds = 0;
        List<Double> means = new ArrayList<>();
        for (var e : last.entrySet()) {
            double s = e.getKey();
            List<Double> w = e.getValue().values().stream().map(v -> v[1]).toList();
            seeds = w.size();
            double[] ms = Stats.meanStd(w);
            means.add(ms[0]);
            wc.add(String.format(Locale.ROOT, "s = %s: %.3f ± %.3f", Presets.fmt(s), ms[0], ms[1]));
            List<Double> inter = new ArrayList<>();
            String key = "arc-s" + Presets.fmt(s);
            for (String[] r : runRows.subList(1, runRows.size())) {
                boolean mine = r[0].equals(key) || r[0].startsWith(key + "-seed") || (s == 7 && r[0].equals("arc"));
                if (mine) {
                    inter.add(d(r[wInter]));
                }
            }
            double[] wm = Stats.meanStd(inter);
            wi.add(String.format(Locale.ROOT, "%s: %.4f ± %.4f", Presets.fmt(s), wm[0], wm[1]));
            if (Math.abs(wm[0] - simplex) <= ReportBuilder.NEAR_SIMPLEX) {
                near.add("s = " + Presets.fmt(s));
            }
        }
        boolean grows = true;
        for (int i = 1; i < means.size(); i++) {
            grows &= means.get(i) > means.get(i - 1);
        }
        return String.format(Locale.ROOT, (grows ? "**Fig. 5 is reversed** in the quick runs: the probe WC-Intra at the last snapshot, mean ± std over "
                + "%d seeds, grows with s" : "In the quick runs the probe WC-Intra at the last snapshot, mean ± std over %d seeds, does not "
                + "fall steadily with s as in the paper's Fig. 5") + " (%s rad). The class weights' W-Inter on the test set (%s rad) is within %.2f rad of the simplex "
                + "angle %.4f for %s only.", seeds, String.join(", ", wc), String.join(", ", wi), ReportBuilder.NEAR_SIMPLEX, simplex,
                near.isEmpty() ? "no s" : String.join(" and ", near));
    }

    /** Open set: the heads' range of MAP@R and the rank correlation with closed-set accuracy, with its exact permutation p. */
    static String openSet(Path csv) {
        List<String[]> rows = read(csv);
        List<String> h = List.of(rows.get(0));
        int acc = h.indexOf("closed_set_accuracy");
        int map = h.indexOf("map_at_r");
        List<String[]> body = rows.subList(1, rows.size());
        double[] a = body.stream().mapToDouble(r -> d(r[acc])).toArray();
        double[] m = body.stream().mapToDouble(r -> d(r[map])).toArray();
        double rho = spearman(a, m);
        double p = permutationP(a, m);
        return String.format(Locale.ROOT, "Closed-set accuracy on the trained classes (%.3f–%.3f) and held-out MAP@R (%.3f–%.3f) have a rank "
                + "correlation (Spearman) of %.2f over the %d heads; an exact permutation test over all %d orderings gives p = %.3f "
                + "(two-sided), so %s.", min(a), max(a), min(m), max(m), rho, a.length, factorial(a.length), p,
                p < 0.05 ? "the relation is supported at the 5 % level" : "this is no evidence that the two rank the heads alike");
    }

    // ---------------------------------------------------------------- statistics

    /** Spearman's ρ with average ranks for ties. */
    static double spearman(double[] x, double[] y) {
        return pearson(ranks(x), ranks(y));
    }

    /** Two-sided exact permutation p of |ρ|: the share of all orderings of y whose |ρ| is at least the observed one. */
    static double permutationP(double[] x, double[] y) {
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        double obs = Math.abs(pearson(rx, ry)) - 1e-12;
        int[] idx = new int[ry.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        long[] counts = new long[2]; // {as extreme, all}
        permute(idx, 0, rx, ry, obs, counts);
        return counts[0] / (double) counts[1];
    }

    private static void permute(int[] idx, int k, double[] rx, double[] ry, double obs, long[] counts) {
        if (k == idx.length) {
            double[] p = new double[ry.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = ry[idx[i]];
            }
            counts[1]++;
            if (Math.abs(pearson(rx, p)) >= obs) {
                counts[0]++;
            }
            return;
        }
        for (int i = k; i < idx.length; i++) {
            int t = idx[k];
            idx[k] = idx[i];
            idx[i] = t;
            permute(idx, k + 1, rx, ry, obs, counts);
            idx[i] = idx[k];
            idx[k] = t;
        }
    }

    static double[] ranks(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int less = 0;
            int equal = 0;
            for (double w : v) {
                if (w < v[i]) {
                    less++;
                } else if (w == v[i]) {
                    equal++;
                }
            }
            r[i] = less + (equal + 1) / 2.0;
        }
        return r;
    }

    static double pearson(double[] x, double[] y) {
        double mx = java.util.Arrays.stream(x).average().orElse(0);
        double my = java.util.Arrays.stream(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static long factorial(int n) {
        long f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(Double.NaN);
    }

    // ---------------------------------------------------------------- CSV

    private static double d(String s) {
        return Double.parseDouble(s);
    }

    private static Map<String, String[]> byFirst(List<String[]> rows) {
        Map<String, String[]> m = new LinkedHashMap<>();
        for (String[] r : rows.subList(1, rows.size())) {
            m.put(r[0], r);
        }
        return m;
    }

    /** RFC 4180 CSV as FigureExporter writes it: fields quoted when they hold a comma or quote, quotes doubled. */
    static List<String[]> read(Path csv) {
        try {
            List<String[]> out = new ArrayList<>();
            for (String line : Files.readAllLines(csv)) {
                List<String> f = new ArrayList<>();
                StringBuilder cur = new StringBuilder();
                boolean quoted = false;
                for (int i = 0; i < line.length(); i++) {
                    char c = line.charAt(i);
                    if (quoted) {
                        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            cur.append('"');
                            i++;
                        } else if (c == '"') {
                            quoted = false;
                        } else {
                            cur.append(c);
                        }
                    } else if (c == '"') {
                        quoted = true;
                    } else if (c == ',') {
                        f.add(cur.toString());
                        cur.setLength(0);
                    } else {
                        cur.append(c);
                    }
                }
                f.add(cur.toString());
                out.add(f.toArray(String[]::new));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Regenerates every block of the README at {@code readme} from the CSVs beside it; prints the text. */
    public static void main(String[] args) throws IOException {
        Path readme = Path.of(args.length > 0 ? args[0] : "docs/results/README.md");
        String text = Files.readString(readme);
        for (String name : BLOCKS) {
            String open = "<!-- digest:" + name + " -->";
            String close = "<!-- /digest:" + name + " -->";
            int a = text.indexOf(open);
            int z = text.indexOf(close);
            if (a >= 0 && z > a) {
                text = text.substring(0, a + open.length()) + "\n" + block(name, readme.getParent()) + "\n" + text.substring(z);
            }
        }
        Files.writeString(readme, text);
    }
}
