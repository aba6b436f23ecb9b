package dev.vantage.training;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LrScheduleTest {
    @Test void warmupThenCosineToTheMinimum() {
        LrSchedule s = new LrSchedule(LrSchedule.Kind.COSINE, 1e-3, 1e-4, 10, 110);
        assertEquals(1e-4, s.at(0), 1e-12);          // (0+1)/10 of the peak
        assertEquals(1e-3, s.at(9), 1e-12);
        assertEquals(1e-3, s.at(10), 1e-12);         // decay starts at the peak
        assertEquals(0.55e-3, s.at(60), 1e-12);      // half way: the mean of peak and min
        assertEquals(1e-4, s.at(110), 1e-12);
    }

    @Test void linearAndConstant() {
        assertEquals(0.5e-3 + 0.5e-4, new LrSchedule(LrSchedule.Kind.LINEAR, 1e-3, 1e-4, 0, 100).at(50), 1e-12);
        assertEquals(1e-3, new LrSchedule(LrSchedule.Kind.CONSTANT, 1e-3, 1e-4, 5, 100).at(99), 1e-12);
    }
}
