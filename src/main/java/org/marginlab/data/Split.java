package org.marginlab.data;

/**
 * One part (train or test) of an image dataset, kept as raw bytes so 70 000 images cost 55 MB and
 * batches are built without per-sample objects.
 *
 * @param name   "train" or "test"
 * @param count  number of images
 * @param rows   image height
 * @param cols   image width
 * @param pixels count × rows × cols unsigned bytes, image after image, row-major
 * @param labels count class indices
 */
public record Split(String name, int count, int rows, int cols, byte[] pixels, byte[] labels) {

    public int imageSize() {
        return rows * cols;
    }

    public int label(int i) {
        return labels[i] & 0xFF;
    }

    int pixel(int image, int offset) {
        return pixels[image * imageSize() + offset] & 0xFF;
    }
}
