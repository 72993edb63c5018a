package io.hireload.backup;

import io.hireload.client.ApiException;
import io.hireload.client.HireloadClient;
import io.hireload.model.BackupInfo;
import io.hireload.model.BackupsAnswer;
import io.hireload.model.RestoreReport;
import io.hireload.model.TableName;
import io.hireload.support.Api;
import io.hireload.support.EmbeddedServices;
import io.helidon.microprofile.testing.junit5.AddConfig;
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

/** With {@code HIRELOAD_BACKUP_TARGET=s3} the files go to the bucket under backups/{table}/ and restore from there. */
@ExtendWith(EmbeddedServices.class)
@HelidonTest
@AddConfig(key = "HIRELOAD_BACKUP_TARGET", value = "s3")
class BackupToS3Test {
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
}
