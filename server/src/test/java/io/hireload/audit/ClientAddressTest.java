package io.hireload.audit;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whose address the audit trail writes: X-Forwarded-For only through a trusted load balancer. */
class ClientAddressTest {
    private final ClientAddress behindAlb = new ClientAddress(Optional.of("10.0.0.0/16, 2001:db8::/32"));
    private final ClientAddress direct = new ClientAddress(Optional.empty());

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(direct.of("198.51.100.4", "203.0.113.7")).isEqualTo("198.51.100.4");
        assertThat(direct.of("10.0.3.4", "203.0.113.7")).isEqualTo("10.0.3.4");
    }

    @Test
    void fromTheLoadBalancerTheRightMostUntrustedAddressIsTheCaller() {
        assertThat(behindAlb.of("10.0.3.4", "203.0.113.7")).isEqualTo("203.0.113.7");
        // A client that forges the header only adds to its left: the ALB appends what it saw.
        assertThat(behindAlb.of("10.0.3.4", "1.2.3.4, 203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(behindAlb.of("10.0.3.4", "203.0.113.7, 10.0.9.9")).isEqualTo("203.0.113.7");
        assertThat(behindAlb.of("2001:db8::5", "2001:db9::1")).isEqualTo("2001:db9::1");
    }

    @Test
    void fromAnyOtherPeerTheHeaderIsAClaimAndIgnored() {
        assertThat(behindAlb.of("198.51.100.4", "203.0.113.7")).isEqualTo("198.51.100.4");
        assertThat(behindAlb.of("10.0.3.4", null)).isEqualTo("10.0.3.4");
        assertThat(behindAlb.of("10.0.3.4", "not-an-address.example")).isEqualTo("not-an-address.example");
    }

    @Test
    void aSettingThatIsNotAnAddressStopsTheStartWithItsName() {
        assertThatThrownBy(() -> new ClientAddress(Optional.of("alb.internal")))
                .hasMessageContaining("HIRELOAD_TRUSTED_PROXIES").hasMessageContaining("alb.internal");
        assertThatThrownBy(() -> new ClientAddress(Optional.of("10.0.0.0/33"))).hasMessageContaining("prefix");
    }
}
