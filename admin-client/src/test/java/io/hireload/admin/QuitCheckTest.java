package io.hireload.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuitCheckTest {

    @Test
    void saysWhatQuittingWouldCutOffAndNothingWhenIdle() {
        assertThat(QuitCheck.inFlight(false, 0)).isEmpty();
        assertThat(QuitCheck.inFlight(true, 0)).startsWith("An upload is under way");
        assertThat(QuitCheck.inFlight(false, 2)).isEqualTo(
                "2 loads are running: they go on on the server, and this window stops following them.");
        assertThat(QuitCheck.inFlight(true, 1)).contains("upload", "A load is running");
    }
}
