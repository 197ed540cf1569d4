package org.marginlab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvNumbersTest {

    @Test
    void arithmeticNoiseOfDoublesIsDropped() {
        double thirtyDegrees = Math.toDegrees(Math.PI / 6);
        assertEquals(29.999999999999996, thirtyDegrees, 0, "the noisy value this test is about");
        assertEquals("30", CsvNumbers.of(thirtyDegrees));
        assertEquals("0.3", CsvNumbers.of(0.1 + 0.2));
        assertEquals("0.333333333333333", CsvNumbers.of(1.0 / 3));
        assertEquals("-2.5", CsvNumbers.of(-2.5));
        assertEquals("123456789012", CsvNumbers.of(123456789012.0));
        assertEquals("0.003", CsvNumbers.of(0.003));
    }

    @Test
    void float32DataPrintsAsTheShortestDecimalOfTheFloat() {
        assertEquals("0.1", CsvNumbers.of(0.1f));
        assertEquals("0.1", CsvNumbers.of((double) 0.1f), "a float widened to double is still the float's value");
        assertEquals("0.12345679", CsvNumbers.of(0.123456789f));
        Random r = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            float f = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(9) - 4));
            assertEquals(f, Float.parseFloat(CsvNumbers.of(f)), 0, "float " + f + " reads back");
            double d = r.nextGaussian() * Math.pow(10, r.nextInt(9) - 4);
            assertEquals(d, Double.parseDouble(CsvNumbers.of(d)), Math.abs(d) * 1e-14, "double " + d + " to 15 digits");
        }
    }

    @Test
    void specialValuesAndMagnitudes() {
        assertEquals("", CsvNumbers.of(Double.NaN), "unknown is an empty cell");
        assertEquals("Infinity", CsvNumbers.of(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", CsvNumbers.of(Float.NEGATIVE_INFINITY));
        assertEquals("0", CsvNumbers.of(-0.0));
        assertEquals("1E-7", CsvNumbers.of(1e-7));
        assertEquals("0.000001", CsvNumbers.of(1e-6));
        assertEquals("1.5E+20", CsvNumbers.of(1.5e20));
        assertEquals("100000000000000", CsvNumbers.of(1e14));
    }
}
