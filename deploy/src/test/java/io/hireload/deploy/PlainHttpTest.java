package io.hireload.deploy;

import static io.hireload.deploy.Synthesized.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;

/** The explicit opt-out of HTTPS: one plain listener on 80, no certificate asked for, still reviewed. */
class PlainHttpTest {

    @TempDir
    static Path outDir;

    private static Synthesized synth;

    @BeforeAll
    static void synthesize() {
        synth = Synthesized.of(outDir, Map.of("hireload:plainHttp", "true"));
    }

    @Test
    void servesPlainHttpOnPort80Only() {
        synth.template().resourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 1);
        synth.template().hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Match.objectLike(Map.of(
                "Port", 80, "Protocol", "HTTP",
                "DefaultActions", List.of(Match.objectLike(Map.of("Type", "forward"))))));
        assertThat(map(synth.template().toJSON().get("Parameters"))).doesNotContainKey("CertificateArn");
        assertThat(synth.template().toJSON().get("Outputs").toString()).contains("http://");
    }

    @Test
    void passesCdkNagAndCfnLint() throws Exception {
        assertThat(Reviews.findings(synth.assembly())).isEmpty();
        var lint = Reviews.cfnLint(Path.of(synth.assembly().getStacks().get(0).getTemplateFullPath()));
        assertThat(lint.output()).isEmpty();
        assertThat(lint.exitCode()).isZero();
    }
}
