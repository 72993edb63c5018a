package io.hireload.load;

import io.hireload.client.HireloadClient;
import io.hireload.model.Department;
import io.hireload.model.HealthAnswer;
import io.hireload.model.LoadReport;
import io.hireload.model.TableName;
import io.hireload.support.Api;
import io.hireload.support.Await;
import io.hireload.support.EmbeddedServices;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports met in the wild, dropped into the bucket next to each other: each loads exactly like
 * the clean file, in key order, without flags. Then S3 goes away and the server says so.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DialectLoadTest {
    private final Api api;
    private final HireloadClient client;

    @Inject
    DialectLoadTest(WebTarget target) {
        this.api = new Api(target);
        this.client = api.client();
    }

    @Test
    @Order(1)
    void everyDialectLoadsLikeTheCleanFile() {
        put("departments/a-bom-crlf.csv", "\uFEFF101,Supply Chain\r\n102,Maintenance\r\n");
        put("departments/b-semicolon-header.csv", "ID;Department\n103;\"Research; Development\"\n104; Staff \n");
        put("departments/c-quoted-spaces.csv", "105 , \"Smith, Jr. Holdings\" \n\n,\n106,\"say \"\"hi\"\"\"\n");
        put("Department/d-seed-folder.csv", "107,Seed Folder\n");
        put("departments.csv", "108,Seed Flat File\n");
        put("departments/notes.txt", "999,not a csv\n");

        LoadReport report = client.load(TableName.DEPARTMENTS, 2, false);

        assertThat(report.files()).containsExactly("Department/d-seed-folder.csv", "departments.csv",
                "departments/a-bom-crlf.csv", "departments/b-semicolon-header.csv", "departments/c-quoted-spaces.csv",
                "departments/departments.csv");
        assertThat(report.rejected()).isZero();
        assertThat(report.skippedBlank()).isEqualTo(2);
        assertThat(report.inserted()).isEqualTo(8 + 12);
        // A batch never spans two objects: each object is its own work item.
        assertThat(report.batches()).isEqualTo(11);
        assertThat(client.department(101)).contains(new Department(101, "Supply Chain"));
        assertThat(client.department(102)).contains(new Department(102, "Maintenance"));
        assertThat(client.department(103)).contains(new Department(103, "Research; Development"));
        assertThat(client.department(104)).contains(new Department(104, "Staff"));
        assertThat(client.department(105)).contains(new Department(105, "Smith, Jr. Holdings"));
        assertThat(client.department(106)).contains(new Department(106, "say \"hi\""));
        assertThat(client.department(107)).contains(new Department(107, "Seed Folder"));
        assertThat(client.department(108)).contains(new Department(108, "Seed Flat File"));
        assertThat(client.department(999)).isEmpty();
    }

    @Test
    @Order(2)
    void anIdSeenTwiceInOneObjectRejectsTheLaterRowAndALaterObjectUpdatesAnEarlierOnes() {
        put("jobs/a.csv", "1,Early Title\n500,Tester\n500,Tester Again\n");
        LoadReport report = client.load(TableName.JOBS, null, false);
        assertThat(report.rejectedRows()).extracting(r -> r.reason())
                .containsExactly("line 3: duplicate id 500, first seen at line 2");
        // jobs/jobs.csv comes after jobs/a.csv in key order: its row 1 wins, whichever finished first.
        assertThat(client.job(1)).get().extracting(j -> j.job()).isEqualTo("Marketing Assistant");
        assertThat(client.job(500)).get().extracting(j -> j.job()).isEqualTo("Tester");
        assertThat(report.fileReports()).extracting(f -> f.file(), f -> f.status())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("jobs/a.csv", "done"),
                        org.assertj.core.groups.Tuple.tuple("jobs/jobs.csv", "done"));
    }

    @Test
    @Order(3)
    void anAsyncLoadAnswers202WithWhereToFollowIt() {
        HttpResponse<String> response = api.post("/departments/batch?async=true&force=true", "application/json", "");
        assertThat(response.statusCode()).isEqualTo(202);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/loads/\\d+");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        LoadReport report = Await.loadFinished(client, id, Duration.ofSeconds(60));
        assertThat(report.status().wire()).isEqualTo("succeeded");
        assertThat(report.progress().percent()).isEqualTo(100.0);
        assertThat(report.unchanged()).isEqualTo(20);
    }

    @Test
    @Order(4)
    void aMissingBucketIs503OnHealthAndOnLoads() {
        assertThat(client.s3Health().status()).isEqualTo("UP");
        assertThat(client.s3Health().files()).contains("departments/departments.csv");
        EmbeddedServices.s3().deleteBucket(EmbeddedServices.bucket());

        HealthAnswer health = client.s3Health();
        assertThat(health.status()).isEqualTo("DOWN");
        assertThat(health.detail()).contains("does not exist");
        assertThat(api.get("/health-s3").statusCode()).isEqualTo(503);
        assertThat(api.get("/health/ready").statusCode()).isEqualTo(503);
        assertThat(api.get("/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> load = api.post("/jobs/batch", "application/json", "");
        assertThat(load.statusCode()).isEqualTo(503);
        assertThat(load.body()).contains(EmbeddedServices.bucket()).contains("does not exist");
        assertThat(api.get("/health-db").statusCode()).isEqualTo(200);
    }

    private static void put(String key, String text) {
        EmbeddedServices.s3().put(EmbeddedServices.bucket(), key, text.getBytes(StandardCharsets.UTF_8));
    }
}
