package org.marginlab.data;

/**
 * How to read a data set where the files leave a choice.
 *
 * @param coarseLabels CIFAR-100: the 20 superclasses instead of the 100 fine classes
 * @param imageSize    an image folder's images are resized to this square size; 0 = {@link #DEFAULT_FOLDER_SIZE}.
 *                     Other formats keep their stored size and refuse any other (resizing a benchmark changes it)
 * @param channels     1 grey, 3 RGB, 0 = as stored (an image folder: RGB when any image has colour)
 * @param splitSeed    seeds the stratified train/test split of an image folder without train/ and test/
 */
public record DataOptions(boolean coarseLabels, int imageSize, int channels, long splitSeed) {

    public static final int DEFAULT_FOLDER_SIZE = 32;
    /** The share of each class an image folder without train/ and test/ keeps for testing. */
    public static final double TEST_SHARE = 0.2;

    public static final DataOptions DEFAULTS = new DataOptions(false, 0, 0, 42);

    public DataOptions {
        if (channels != 0 && channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 0, 1 or 3, got " + channels);
        }
    }
}
