package org.marginlab.data;

/**
 * One part (train or test) of an image dataset, kept as raw bytes so 70 000 images cost 55 MB and
 * batches are built without per-sample objects.
 *
 * @param name     "train" or "test"
 * @param count    number of images
 * @param channels 1 (grey) or 3 (RGB)
 * @param rows     image height
 * @param cols     image width
 * @param pixels   count × channels × rows × cols unsigned bytes, image after image, each channel a row-major
 *                 plane (CIFAR's own order: all red, then green, then blue)
 * @param labels   count class indices
 */
public record Split(String name, int count, int channels, int rows, int cols, byte[] pixels, byte[] labels) {

    public Split {
        if ((long) count * channels * rows * cols != pixels.length || labels.length != count) {
            throw new IllegalArgumentException("pixels/labels do not match count×channels×rows×cols");
        }
    }

    /** A grey split. */
    public Split(String name, int count, int rows, int cols, byte[] pixels, byte[] labels) {
        this(name, count, 1, rows, cols, pixels, labels);
    }

    /** Bytes per image: channels × rows × cols. */
    public int imageSize() {
        return channels * rows * cols;
    }

    public int label(int i) {
        return labels[i] & 0xFF;
    }

    int pixel(int image, int offset) {
        return pixels[image * imageSize() + offset] & 0xFF;
    }
}
