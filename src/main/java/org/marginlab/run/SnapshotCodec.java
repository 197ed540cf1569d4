package org.marginlab.run;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import org.marginlab.loss.HeadParams;

/**
 * Binary form of the snapshots in {@code snapshots.bin} (big-endian, as {@link DataOutputStream} writes).
 * <pre>
 * file    := "MLSNAP01" record*
 * record  := int magic 0x4D4C5352 ("MLSR") · byte type (1 iteration, 2 epoch) · int length ·
 *            payload[length] · int CRC-32 of payload
 * iteration payload := long iteration · int epoch · int N · int d · int C · byte hasCentres ·
 *            float[N·d] embeddings · int[N] labels · float[C·d] W · (float[C·d] centres if hasCentres) ·
 *            float[N] θ_y · float[N] ∂L/∂θ_y · double loss · double trainAcc · double lr · double images/s ·
 *            byte extras (bit 0: the live head parameters double s · double m · double λ · byte easyMargin
 *            follow; bit 1: float[N] along-feature dL/dθ_y follows; bit 2: int[N] probe ids follow;
 *            bit 3: int k · float[C·k·d] every sub-center row follow, row j·k + i sub-center i of class j;
 *            bit 4: the rest of the head parameters in force, double m1 · double m2 · double m3 · int k ·
 *            byte dynamic · UTF ψ, follow — without it a reader completes them from the run's config).
 *            Runs written before these were recorded end after images/s and decode with them null.
 * epoch payload := int epoch · long iteration · double testAcc · double wcIntra · double wInter ·
 *            double cInter · int bins · double[bins+1] edges · int C · int[C·bins] histograms ·
 *            int M · float[M·M] similarity · int[M] similarityLabels · int[C·C] confusion
 * </pre>
 * Records are only appended, so a kill leaves at most one incomplete record at the end, which the
 * reader detects (short payload or CRC mismatch) and ignores. {@code snapshots.idx} lists
 * (byte type, long iteration, long offset, int length) per record, 21 bytes each, appended after the
 * record is flushed; it is a convenience for random access and can be rebuilt by a scan.
 */
public final class SnapshotCodec {

    public static final byte[] FILE_MAGIC = {'M', 'L', 'S', 'N', 'A', 'P', '0', '1'};
    public static final int RECORD_MAGIC = 0x4D4C5352;
    public static final byte ITERATION = 1;
    public static final byte EPOCH = 2;
    public static final int INDEX_ENTRY_BYTES = 21;
    /** Magic, type and length before the payload. */
    public static final int HEADER_BYTES = 9;

    private SnapshotCodec() {
    }

    public static byte[] encode(IterationSnapshot s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream o = new DataOutputStream(bytes)) {
            int n = s.probeLabels().length;
            int c = s.weights().length;
            int d = c == 0 ? 0 : s.weights()[0].length;
            o.writeLong(s.iteration());
            o.writeInt(s.epoch());
            o.writeInt(n);
            o.writeInt(d);
            o.writeInt(c);
            o.writeByte(s.centers() != null ? 1 : 0);
            writeRows(o, s.embeddings());
            for (int v : s.probeLabels()) {
                o.writeInt(v);
            }
            writeRows(o, s.weights());
            if (s.centers() != null) {
                writeRows(o, s.centers());
            }
            for (float v : s.thetaY()) {
                o.writeFloat(v);
            }
            for (float v : s.dLdThetaY()) {
                o.writeFloat(v);
            }
            o.writeDouble(s.loss());
            o.writeDouble(s.trainAccuracy());
            o.writeDouble(s.learningRate());
            o.writeDouble(s.imagesPerSecond());
            int extras = (s.headParams() != null ? 1 : 0) | (s.dLdThetaAlong() != null ? 2 : 0)
                    | (s.probeIds() != null ? 4 : 0) | (s.subCenters() != null ? 8 : 0)
                    | (s.headParams() != null && s.paramsComplete() ? 16 : 0);
            o.writeByte(extras);
            if (s.headParams() != null) {
                o.writeDouble(s.headParams().s());
                o.writeDouble(s.headParams().m());
                o.writeDouble(s.headParams().lambda());
                o.writeByte(s.headParams().easyMargin() ? 1 : 0);
            }
            if (s.dLdThetaAlong() != null) {
                for (float v : s.dLdThetaAlong()) {
                    o.writeFloat(v);
                }
            }
            if (s.probeIds() != null) {
                for (int v : s.probeIds()) {
                    o.writeInt(v);
                }
            }
            if (s.subCenters() != null) {
                o.writeInt(s.subCentersPerClass());
                writeRows(o, s.subCenters());
            }
            if ((extras & 16) != 0) {
                HeadParams p = s.headParams();
                o.writeDouble(p.m1());
                o.writeDouble(p.m2());
                o.writeDouble(p.m3());
                o.writeInt(p.k());
                o.writeByte(p.dynamic() ? 1 : 0);
                o.writeUTF(p.psi());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    public static IterationSnapshot decodeIteration(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        long iteration = in.readLong();
        int epoch = in.readInt();
        int n = in.readInt();
        int d = in.readInt();
        int c = in.readInt();
        boolean hasCentres = in.readByte() != 0;
        float[][] emb = readRows(in, n, d);
        int[] labels = readInts(in, n);
        float[][] w = readRows(in, c, d);
        float[][] centres = hasCentres ? readRows(in, c, d) : null;
        float[] theta = readFloats(in, n);
        float[] grad = readFloats(in, n);
        double loss = in.readDouble();
        double acc = in.readDouble();
        double lr = in.readDouble();
        double ips = in.readDouble();
        int extras = in.available() > 0 ? in.readUnsignedByte() : 0;
        HeadParams live = (extras & 1) != 0
                ? new HeadParams(in.readDouble(), in.readDouble(), in.readDouble(), in.readByte() != 0) : null;
        float[] along = (extras & 2) != 0 ? readFloats(in, n) : null;
        int[] ids = (extras & 4) != 0 ? readInts(in, n) : null;
        float[][] sub = null;
        if ((extras & 8) != 0) {
            int k = in.readInt();
            sub = readRows(in, c * k, d);
        }
        boolean complete = (extras & 16) != 0 && live != null;
        if (complete) {
            live = new HeadParams(live.s(), live.m(), live.lambda(), live.easyMargin(), in.readDouble(),
                    in.readDouble(), in.readDouble(), in.readInt(), null, in.readByte() != 0);
            live = live.withPsi(in.readUTF());
        }
        return new IterationSnapshot(iteration, epoch, emb, labels, w, centres, theta, grad, loss, acc, lr, ips,
                live, along, ids, sub, complete);
    }

    public static byte[] encode(EpochSnapshot s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream o = new DataOutputStream(bytes)) {
            o.writeInt(s.epoch());
            o.writeLong(s.iteration());
            o.writeDouble(s.testAccuracy());
            o.writeDouble(s.wcIntra());
            o.writeDouble(s.wInter());
            o.writeDouble(s.cInter());
            int bins = s.histogramEdges().length - 1;
            o.writeInt(bins);
            for (double e : s.histogramEdges()) {
                o.writeDouble(e);
            }
            o.writeInt(s.thetaHistograms().length);
            for (int[] row : s.thetaHistograms()) {
                for (int v : row) {
                    o.writeInt(v);
                }
            }
            int m = s.similarityLabels().length;
            o.writeInt(m);
            writeRows(o, s.similarity());
            for (int v : s.similarityLabels()) {
                o.writeInt(v);
            }
            for (int[] row : s.confusion()) {
                for (int v : row) {
                    o.writeInt(v);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    public static EpochSnapshot decodeEpoch(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int epoch = in.readInt();
        long iteration = in.readLong();
        double acc = in.readDouble();
        double wc = in.readDouble();
        double wi = in.readDouble();
        double ci = in.readDouble();
        int bins = in.readInt();
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = in.readDouble();
        }
        int c = in.readInt();
        int[][] hist = new int[c][];
        for (int j = 0; j < c; j++) {
            hist[j] = readInts(in, bins);
        }
        int m = in.readInt();
        float[][] sim = readRows(in, m, m);
        int[] simLabels = readInts(in, m);
        int[][] conf = new int[c][];
        for (int j = 0; j < c; j++) {
            conf[j] = readInts(in, c);
        }
        return new EpochSnapshot(epoch, iteration, acc, wc, wi, ci, edges, hist, sim, simLabels, conf);
    }

    private static void writeRows(DataOutputStream o, float[][] rows) throws IOException {
        for (float[] r : rows) {
            for (float v : r) {
                o.writeFloat(v);
            }
        }
    }

    private static float[][] readRows(DataInputStream in, int n, int d) throws IOException {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = readFloats(in, d);
        }
        return out;
    }

    private static float[] readFloats(DataInputStream in, int n) throws IOException {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = in.readFloat();
        }
        return out;
    }

    private static int[] readInts(DataInputStream in, int n) throws IOException {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = in.readInt();
        }
        return out;
    }
}
