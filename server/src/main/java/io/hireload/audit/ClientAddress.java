package io.hireload.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperties;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The caller's address for the audit trail. {@code X-Forwarded-For} is believed only when the
 * connection comes from a load balancer named in {@code HIRELOAD_TRUSTED_PROXIES} (addresses or
 * CIDR ranges, comma separated; on AWS the VPC's range, which only the ALB reaches the tasks
 * from). Then the address is the right-most one in the header that is not itself a trusted proxy:
 * the ALB appends the address it saw, and whatever a client wrote to the left of it is its own
 * claim. Without the setting, or from any other peer, the header is ignored and the peer's
 * address is the caller's.
 */
@ApplicationScoped
public class ClientAddress {
    private final List<Range> trusted;

    @Inject
    public ClientAddress(@ConfigProperties AuditSettings settings) {
        this(settings.trustedProxies());
    }

    public ClientAddress(Optional<String> proxies) {
        this.trusted = ranges(proxies.orElse(""));
    }

    /** For CDI's proxy only. */
    protected ClientAddress() {
        this.trusted = List.of();
    }

    /** @param peer the connection's remote address; {@code forwardedFor} the header, or null */
    public String of(String peer, String forwardedFor) {
        if (peer == null) {
            return null;
        }
        if (forwardedFor == null || !isTrusted(peer)) {
            return bounded(peer);
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !isTrusted(hop)) {
                return bounded(hop);
            }
        }
        return bounded(peer);
    }

    private boolean isTrusted(String address) {
        Optional<byte[]> bytes = literal(address);
        return bytes.isPresent() && trusted.stream().anyMatch(r -> r.contains(bytes.get()));
    }

    private static String bounded(String address) {
        return address.length() > 64 ? address.substring(0, 64) : address;
    }

    static List<Range> ranges(String setting) {
        List<Range> ranges = new ArrayList<>();
        for (String part : setting.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            int slash = item.indexOf('/');
            String host = slash < 0 ? item : item.substring(0, slash);
            byte[] network = literal(host).orElseThrow(() -> new IllegalArgumentException(
                    "HIRELOAD_TRUSTED_PROXIES: " + item + " is not an IP address or CIDR range"));
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(item.substring(slash + 1));
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("HIRELOAD_TRUSTED_PROXIES: " + item + " has a prefix out of range");
            }
            ranges.add(new Range(network, bits));
        }
        return List.copyOf(ranges);
    }

    /** The bytes of an IP literal; empty for anything else (never a DNS lookup). */
    private static Optional<byte[]> literal(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean ipv4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = t.contains(":") && t.matches("[0-9a-fA-F:.]+");
        if (!ipv4 && !ipv6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
