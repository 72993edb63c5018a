package io.hireload.model;

import java.util.List;

/** The answer of {@code POST /backups}: one backup per table, all taken from one snapshot. */
public record BackupsAnswer(List<BackupInfo> backups) {
}
