package io.hireload.backup;

import io.hireload.client.ApiException;
import io.hireload.client.HireloadClient;
import io.hireload.model.BackupInfo;
import io.hireload.model.BackupsAnswer;
import io.hireload.model.RestoreReport;
import io.hireload.model.TableName;
import io.hireload.support.Api;
import io.hireload.support.EmbeddedServices;
import io.hireload.support.SampleDepartmentsAndJobs;
import io.hireload.support.ServerSetting;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With {@code HIRELOAD_BACKUP_TARGET=s3} the files go to the bucket under backups/{table}/ and restore
 * from there; a file larger than a part (5 MiB here, S3's smallest part, which s3proxy enforces too)
 * goes up as a multipart upload.
 */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
@SampleDepartmentsAndJobs
@ServerSetting(name = "HIRELOAD_BACKUP_TARGET", value = "s3")
@ServerSetting(name = "HIRELOAD_BACKUP_S3_PART_SIZE", value = "5MiB")
class BackupToS3Test {
    private static final long PART = 5L << 20;

    private final HireloadClient client;
    private final S3Client s3;

    @Inject
    BackupToS3Test(WebTarget target, S3Client s3) {
        this.client = new Api(target).client();
        this.s3 = s3;
    }

    @Test
    void backupsGoToTheBucketAndRestoreFromItExactly() throws Exception {
        client.loadAll(null, false);
        List<List<Object>> employees = Tables.rows("employee");

        BackupsAnswer answer = client.backupAll();

        String bucket = EmbeddedServices.bucket();
        for (BackupInfo b : answer.backups()) {
            assertThat(b.target()).isEqualTo("s3");
            assertThat(b.location()).startsWith("s3://" + bucket + "/backups/" + b.table() + "/" + b.table() + "-")
                    .endsWith(".avro");
        }
        BackupInfo backup = answer.backups().get(2);
        String key = backup.location().substring(("s3://" + bucket + "/").length());
        byte[] object = s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build()).asByteArray();
        assertThat((long) object.length).isEqualTo(backup.bytes());
        List<List<Object>> fromFile = new ArrayList<>();
        try (DataFileStream<GenericRecord> records = new DataFileStream<>(new ByteArrayInputStream(object),
                new GenericDatumReader<>())) {
            for (GenericRecord r : records) {
                fromFile.add(List.of(r.get("id"), r.get("name").toString(),
                        Instant.EPOCH.plus((Long) r.get("datetime"), ChronoUnit.MICROS),
                        r.get("department_id"), r.get("job_id")));
            }
        }
        assertThat(fromFile).isEqualTo(employees);

        Tables.execute("delete from employee where id % 3 = 0", "update employee set job_id = 1 where id % 3 = 1");
        RestoreReport report = client.restore(TableName.EMPLOYEES, null);
        assertThat(report.backupId()).isEqualTo(backup.id());
        assertThat(report.inserted()).isPositive();
        assertThat(report.updated()).isPositive();
        assertThat(Tables.rows("employee")).isEqualTo(employees);

        // The object damaged in the bucket: refused, nothing changed.
        byte[] damaged = object.clone();
        damaged[damaged.length - 10] ^= 0x7f;
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).build(), RequestBody.fromBytes(damaged));
        Tables.execute("update employee set name = 'After' where id = 1");
        List<List<Object>> changed = Tables.rows("employee");
        assertThatThrownBy(() -> client.restore(TableName.EMPLOYEES, backup.id()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("SHA-256");
                });
        assertThat(Tables.rows("employee")).isEqualTo(changed);
    }

    @Test
    void aBackupLargerThanAPartGoesUpInPartsAndRestoresExactly() {
        // Names of seven distinct md5s hardly compress: about 145 bytes a row in the file, so 42,000
        // rows make a file of two parts. Times carry microseconds, which must come back exactly.
        Tables.execute("insert into employee (id, name, hire_date, department_id, job_id) "
                + "select i, md5(i || 'a') || md5(i || 'b') || md5(i || 'c') || md5(i || 'd') || md5(i || 'e') "
                + "|| md5(i || 'f') || md5(i || 'g'), timestamptz '2021-01-01 00:00:00+00' + i * interval '7.000013 seconds', "
                + "1 + i % 12, 1 + i % 183 from generate_series(5000001, 5042000) i");
        try {
            List<List<Object>> employees = Tables.rows("employee");

            BackupInfo backup = client.backup(TableName.EMPLOYEES);

            assertThat(backup.bytes()).isGreaterThan(PART);
            String bucket = EmbeddedServices.bucket();
            String key = backup.location().substring(("s3://" + bucket + "/").length());
            // A multipart object's ETag ends with its number of parts.
            assertThat(s3.headObject(b -> b.bucket(bucket).key(key)).eTag())
                    .endsWith("-" + Math.ceilDiv(backup.bytes(), PART) + "\"");
            assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();

            Tables.execute("delete from employee where id % 7 = 0", "update employee set name = 'Changed' where id % 7 = 1");
            RestoreReport report = client.restore(TableName.EMPLOYEES, backup.id());

            assertThat(report.rows()).isEqualTo(employees.size());
            assertThat(report.inserted()).isPositive();
            assertThat(report.updated()).isPositive();
            assertThat(Tables.rows("employee")).isEqualTo(employees);
        } finally {
            Tables.execute("delete from employee where id > 5000000");
        }
    }
}
