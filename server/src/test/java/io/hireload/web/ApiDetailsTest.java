package io.hireload.web;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** The words an error detail may hold, on the texts Jackson, the JDK and the JDBC driver produce. */
class ApiDetailsTest {

    @Test
    void jacksonTypesTokensAndFeatureHintsBecomeTheApisWords() {
        assertThat(ApiDetails.clean("Cannot deserialize value of type `java.lang.Long` from String \"x\": not a valid"
                + " `java.lang.Long` value")).isEqualTo("Cannot deserialize value of type a value from String \"x\": not a valid a value value");
        assertThat(ApiDetails.clean("Cannot construct instance of `io.hireload.model.RestoreRequest`"))
                .doesNotContain("io.hireload", "RestoreRequest");
        assertThat(ApiDetails.clean("Unexpected token (START_ARRAY), expected VALUE_STRING"))
                .isEqualTo("Unexpected token (an array), expected a string");
        assertThat(ApiDetails.clean("from Array value (token `JsonToken.START_ARRAY`)")).isEqualTo("from Array value");
        assertThat(ApiDetails.clean("Unexpected character ('/' (code 47)): maybe a (non-standard) comment? (not recognized"
                + " as one since Feature 'ALLOW_COMMENTS' not enabled for parser)")).doesNotContain("Feature", "ALLOW_COMMENTS");
        assertThat(ApiDetails.clean("Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"))
                .doesNotContain("JsonReadFeature", "ALLOW_NON");
    }

    @Test
    void wordsThatOnlyLookLikeJavaStayAsTheyAre() {
        String detail = "no row with id 5 in departments; see s3://bucket/io.example/file.csv and io.csv";
        assertThat(ApiDetails.clean(detail)).isEqualTo(detail);
        assertThat(ApiDetails.clean(null)).isNotBlank();
    }

    @Test
    void aServerFaultKeepsItsSentenceAndLosesItsCausesText() {
        SQLException sql = new SQLException("ERROR: relation \"employee\" does not exist\n  Position: 15", "42P01");
        RuntimeException wrapped = new RuntimeException("org.postgresql.util.PSQLException: boom", sql);
        String detail = "the database cannot be reached: " + sql.getMessage() + "; try again when /health/ready answers 200";
        assertThat(ApiDetails.withoutCauses(detail, wrapped))
                .isEqualTo("the database cannot be reached: see the server log; try again when /health/ready answers 200");
    }
}
